package dev.jpm.engine.os;

import com.sun.jna.Memory;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code posix_spawn(3)}: a single exec, no helper process. glibc spawns with {@code CLONE_VFORK}, so the
 * cost does not grow with the daemon's heap, and it reports an exec or file-action failure (missing program, bad
 * cwd) as the return value, before the call returns. The child:
 * <ul>
 *   <li>leads a new process group, so a stop can signal its whole tree: in a new session ({@code POSIX_SPAWN_SETSID},
 *       glibc 2.26) or in this process's ({@code POSIX_SPAWN_SETPGROUP}), as {@link ChildSpec.Session} says;
 *   <li>has stdin on {@code /dev/null}, stdout and stderr on a pipe write end, a FIFO it opens read-write itself
 *       (see {@link Fifo}) or {@code /dev/null};
 *   <li>inherits no other descriptor ({@code closefrom(3)}: a JDK-opened file or the control socket without
 *       close-on-exec must not leak into apps), except, when asked, one listening socket as fd 3; no blocked signal
 *       and no ignored one (the JVM's dispositions are not the app's business);
 *   <li>runs in {@code cwd} with exactly {@code env}.
 * </ul>
 */
final class Spawn {

  /** The shell that sets {@code LISTEN_PID} for a child that inherits a listening socket. */
  private static final String SHELL = "/bin/sh";

  private Spawn() {}

  /**
   * Starts {@code program} (an absolute path: PATH is resolved by the caller, so that a missing program is a clear
   * error, not an exec failure) and returns its pid.
   *
   * @param stdout where stdout goes
   * @param stderr where stderr goes
   * @param listenFd a listening socket the child gets as fd 3, with {@code LISTEN_PID} its own pid; -1 for none
   * @param session a session of its own, or this process's
   */
  static int start(String program, List<String> argv, Map<String, String> env, Path cwd, Output stdout,
      Output stderr, int listenFd, ChildSpec.Session session) throws IOException {
    if (listenFd >= 0) {
      argv = withListenPid(program, argv);
      program = SHELL;
    }
    Memory actions = new Memory(LibC.FILE_ACTIONS_BYTES);
    Memory attr = new Memory(LibC.SPAWNATTR_BYTES);
    check("posix_spawn_file_actions_init", LibC.posix_spawn_file_actions_init(actions));
    try {
      check("posix_spawnattr_init", LibC.posix_spawnattr_init(attr));
      try {
        fileActions(actions, cwd, stdout, stderr, listenFd);
        attributes(attr, session);
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

  /**
   * systemd's protocol wants {@code LISTEN_PID} to be the app's own pid, which posix_spawn learns only once the child
   * runs: a shell sets it to its {@code $$} and execs the program, which keeps the pid. The program's argv[0]
   * becomes its path.
   */
  private static List<String> withListenPid(String program, List<String> argv) {
    List<String> wrapped = new ArrayList<>(argv.size() + 3);
    wrapped.add("sh");
    wrapped.add("-c");
    wrapped.add("LISTEN_PID=$$; export LISTEN_PID; exec \"$0\" \"$@\"");
    wrapped.add(program);
    wrapped.addAll(argv.subList(1, argv.size()));
    return wrapped;
  }

  private static void fileActions(Memory actions, Path cwd, Output stdout, Output stderr, int listenFd)
      throws IOException {
    check("addopen stdin", LibC.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", LibC.O_RDONLY, 0));
    output(actions, 1, stdout);
    output(actions, 2, stderr);
    // After the outputs: a pipe end that happened to be fd 3 has been copied to 1 or 2 already.
    if (listenFd >= 0) check("adddup2 listening socket", LibC.posix_spawn_file_actions_adddup2(actions, listenFd, 3));
    check("addclosefrom", LibC.posix_spawn_file_actions_addclosefrom_np(actions, listenFd >= 0 ? 4 : 3));
    check("addchdir", LibC.posix_spawn_file_actions_addchdir_np(actions, cwd.toString()));
  }

  private static void output(Memory actions, int target, Output output) throws IOException {
    if (output.fifo() != null) {
      // Read-write: the child's own read end keeps a write from ever meeting a pipe without readers.
      check("addopen fifo", LibC.posix_spawn_file_actions_addopen(actions, target, output.fifo(), LibC.O_RDWR, 0));
    } else if (output.fd() < 0) {
      check("addopen /dev/null", LibC.posix_spawn_file_actions_addopen(actions, target, "/dev/null", LibC.O_WRONLY, 0));
    } else {
      check("adddup2", LibC.posix_spawn_file_actions_adddup2(actions, output.fd(), target));
    }
  }

  /** Where one output stream goes: a pipe write end ({@code fd}), a FIFO's path, or neither for /dev/null. */
  record Output(int fd, String fifo) {
    static final Output DEV_NULL = new Output(-1, null);

    static Output pipe(int fd) {
      return new Output(fd, null);
    }

    static Output fifo(Path path) {
      return new Output(-1, path.toString());
    }
  }

  private static void attributes(Memory attr, ChildSpec.Session session) throws IOException {
    Memory none = new Memory(LibC.SIGSET_BYTES);
    Memory all = new Memory(LibC.SIGSET_BYTES);
    LibC.sigemptyset(none);
    LibC.sigfillset(all);
    check("setsigmask", LibC.posix_spawnattr_setsigmask(attr, none));
    check("setsigdefault", LibC.posix_spawnattr_setsigdefault(attr, all));
    // A new process group either way (its id the child's pid: the attribute's group is 0), so a stop reaches the tree.
    short grouping = session == ChildSpec.Session.OWN ? LibC.POSIX_SPAWN_SETSID : LibC.POSIX_SPAWN_SETPGROUP;
    check("setflags", LibC.posix_spawnattr_setflags(attr,
        (short) (grouping | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF)));
  }

  private static String[] envp(Map<String, String> env) {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }

  private static void check(String what, int error) throws IOException {
    if (error != 0) throw new IOException(what + " failed: " + LibC.describe(error));
  }
}
