package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm startup [systemd] [--user]}: write a systemd unit that runs the daemon at boot (see {@link SystemdUnit})
 * and enable it; where that cannot be done here (not root, no systemd running), print the exact commands instead.
 */
@Command(name = "startup", sortOptions = false,
    description = "Run jpm at boot: write a systemd unit for the daemon and enable it.")
public final class StartupCommand extends SystemdVerb {

  @Parameters(index = "0", arity = "0..1", paramLabel = "PLATFORM", description = "Only systemd (the default).")
  String platform;

  @Override
  public Integer call() throws Exception {
    requireSystemd(platform);
    SystemdUnit unit = unit();
    if (!canWrite(unit)) return printSudo("startup");
    Path file = unitFile(unit);
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, unit.render());
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    out().println("wrote " + file + " (runs " + unit.launcher() + " daemon --foreground as "
        + (unit.userUnit() ? "you, in your systemd --user session" : unit.user()) + ", JPM_HOME " + unit.jpmHome() + ")");
    if (unit.userUnit() && root != null) {
      // systemctl --root knows the system's unit folders, not a user's home inside the tree.
      out().println("a user unit in an OS tree is enabled by its user there, with:");
      out().println("  " + String.join(" ", unit.systemctl("enable", null)));
      return ExitCode.OK;
    }
    if (root == null && !systemdRuns()) {
      out().println("systemd is not running here (no /run/systemd/system); where it runs, enable the unit with:");
      out().println("  " + String.join(" ", unit.systemctl("enable", null)));
      return ExitCode.OK;
    }
    if (root == null) systemctl(unit.userUnit() ? List.of("systemctl", "--user", "daemon-reload")
        : List.of("systemctl", "daemon-reload"));
    systemctl(unit.systemctl("enable", root));
    out().println("enabled: the daemon starts at boot and brings back the apps of its table (jpm save keeps a dump"
        + " too); jpm unstartup undoes this");
    return ExitCode.OK;
  }

  static void requireSystemd(String platform) {
    if (platform != null && !platform.equals("systemd"))
      throw new CliFailure(ExitCode.USAGE, "jpm writes systemd units only, not " + platform
          + " (jpm export --to systemd writes one unit per app)");
  }
}
