package dev.jpm.engine.os;

import com.sun.jna.Memory;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One {@code posix_spawn(3)}: a single exec, no helper process. glibc spawns with {@code CLONE_VFORK}, so the
 * cost does not grow with the daemon's heap, and it reports an exec or file-action failure (missing program, bad
 * cwd) as the return value, before the call returns. The child:
 * <ul>
 *   <li>leads a new session and process group ({@code POSIX_SPAWN_SETSID}, glibc 2.26), so a stop can signal its
 *       whole tree;
 *   <li>has stdin on {@code /dev/null}, stdout and stderr on the given pipe write ends or {@code /dev/null};
 *   <li>inherits no other descriptor ({@code closefrom(3)}: a JDK-opened file or the control socket without
 *       close-on-exec must not leak into apps), no blocked signal and no ignored one (the JVM's dispositions are
 *       not the app's business);
 *   <li>runs in {@code cwd} with exactly {@code env}.
 * </ul>
 */
final class Spawn {

  private Spawn() {}

  /**
   * Starts {@code program} (an absolute path: PATH is resolved by the caller, so that a missing program is a clear
   * error, not an exec failure) and returns its pid.
   *
   * @param stdoutFd the write end for stdout, or -1 for {@code /dev/null}
   * @param stderrFd the write end for stderr, or -1 for {@code /dev/null}
   */
  static int start(String program, List<String> argv, Map<String, String> env, Path cwd, int stdoutFd, int stderrFd)
      throws IOException {
    Memory actions = new Memory(LibC.FILE_ACTIONS_BYTES);
    Memory attr = new Memory(LibC.SPAWNATTR_BYTES);
    check("posix_spawn_file_actions_init", LibC.posix_spawn_file_actions_init(actions));
    try {
      check("posix_spawnattr_init", LibC.posix_spawnattr_init(attr));
      try {
        fileActions(actions, cwd, stdoutFd, stderrFd);
        attributes(attr);
        int[] pid = new int[1];
        int error = LibC.posix_spawn(pid, program, actions, attr, new StringArray(argv.toArray(String[]::new)),
            new StringArray(envp(env)));
        if (error != 0) throw new IOException("cannot start " + program + " in " + cwd + ": " + LibC.describe(error));
        return pid[0];
      } finally {
        LibC.posix_spawnattr_destroy(attr);
      }
    } finally {
      LibC.posix_spawn_file_actions_destroy(actions);
    }
  }

  private static void fileActions(Memory actions, Path cwd, int stdoutFd, int stderrFd) throws IOException {
    check("addopen stdin", LibC.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", LibC.O_RDONLY, 0));
    output(actions, 1, stdoutFd);
    output(actions, 2, stderrFd);
    check("addclosefrom", LibC.posix_spawn_file_actions_addclosefrom_np(actions, 3));
    check("addchdir", LibC.posix_spawn_file_actions_addchdir_np(actions, cwd.toString()));
  }

  private static void output(Memory actions, int target, int fd) throws IOException {
    if (fd < 0) {
      check("addopen /dev/null", LibC.posix_spawn_file_actions_addopen(actions, target, "/dev/null", LibC.O_WRONLY, 0));
    } else {
      check("adddup2", LibC.posix_spawn_file_actions_adddup2(actions, fd, target));
    }
  }

  private static void attributes(Memory attr) throws IOException {
    Memory none = new Memory(LibC.SIGSET_BYTES);
    Memory all = new Memory(LibC.SIGSET_BYTES);
    LibC.sigemptyset(none);
    LibC.sigfillset(all);
    check("setsigmask", LibC.posix_spawnattr_setsigmask(attr, none));
    check("setsigdefault", LibC.posix_spawnattr_setsigdefault(attr, all));
    check("setflags", LibC.posix_spawnattr_setflags(attr,
        (short) (LibC.POSIX_SPAWN_SETSID | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF)));
  }

  private static String[] envp(Map<String, String> env) {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }

  private static void check(String what, int error) throws IOException {
    if (error != 0) throw new IOException(what + " failed: " + LibC.describe(error));
  }
}
