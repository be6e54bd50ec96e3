package dev.jpm.engine.supervise;

import dev.jpm.engine.logs.LogPaths;
import dev.jpm.engine.model.RunAs;
import dev.jpm.engine.os.Users;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An app that names its user ({@code uid}/{@code gid}) starts through util-linux's {@code setpriv}, which sets the
 * user, the group and the user's supplementary groups, then execs the app: no process of jpm's stays between the
 * daemon and the app, the pid is the app's own. The app's log and pid files are given to that user; its
 * environment names that user's {@code HOME}, {@code USER} and {@code LOGNAME}.
 */
final class RunAsLaunch {

  private final Users.User user;
  private final int gid;

  private RunAsLaunch(Users.User user, int gid) {
    this.user = user;
    this.gid = gid;
  }

  /** Looks the user and group up once for this launch. */
  static RunAsLaunch of(RunAs runAs) throws IOException {
    Users.User user = Users.user(runAs.user())
        .orElseThrow(() -> new IOException("no user '" + runAs.user() + "' on this machine"));
    int gid = runAs.group() == null ? user.gid() : Users.group(runAs.group())
        .orElseThrow(() -> new IOException("no group '" + runAs.group() + "' on this machine"));
    return new RunAsLaunch(user, gid);
  }

  /** {@code launch} as this user: the argv behind setpriv and the user's own variables. */
  NodePreload.Launch wrap(NodePreload.Launch launch) {
    List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + user.uid(), "--regid=" + gid,
        "--init-groups", "--"));
    argv.addAll(launch.command());
    Map<String, String> env = new LinkedHashMap<>(launch.env());
    env.put("HOME", user.home());
    env.put("USER", user.name());
    env.put("LOGNAME", user.name());
    return new NodePreload.Launch(argv, env, launch.link());
  }

  /** The run's log files (open already, before the spawn) belong to the app's user and group. */
  void giveLogs(LogPaths paths) throws IOException {
    UserPrincipalLookupService names = FileSystems.getDefault().getUserPrincipalLookupService();
    var owner = names.lookupPrincipalByName(user.name());
    var group = names.lookupPrincipalByGroupName(Integer.toString(gid)); // a number is taken as the gid
    for (Path file : Stream.of(paths.out(), paths.error(), paths.combined()).flatMap(Optional::stream)
        .filter(Files::isRegularFile).toList()) {
      Files.setOwner(file, owner);
      Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(group);
    }
  }
}
