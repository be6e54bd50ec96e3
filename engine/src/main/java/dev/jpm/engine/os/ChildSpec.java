package dev.jpm.engine.os;

import dev.jpm.engine.logs.StreamConsumer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to spawn.
 *
 * @param program the executable's absolute path (argv[0] stays as given)
 * @param argv the complete argv
 * @param env the complete environment
 * @param cwd working directory
 * @param stdout receives stdout; empty sends it to {@code /dev/null}
 * @param stderr receives stderr; empty sends it to {@code /dev/null}
 * @param drainTimeoutMs after the child exited, how long its exit waits for pipes a descendant still holds open
 * @param pipes the folder of the named pipes that carry the streams so that they outlive this JVM (a daemon that
 *     hands its children over); empty for anonymous pipes, which end with the JVM
 * @param listenFd a listening socket of this process the child inherits as fd 3, with {@code LISTEN_PID} set to
 *     its own pid (systemd's socket-activation protocol; the caller sets {@code LISTEN_FDS}); -1 for none
 * @param session whether the child leads a session of its own or stays in this process's; it leads a process group
 *     either way
 */
public record ChildSpec(String program, List<String> argv, Map<String, String> env, Path cwd,
    Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr, long drainTimeoutMs, Optional<Path> pipes,
    int listenFd, Session session) {

  /**
   * Where a child runs for the scheduler: with autogroups on (Linux's {@code sched_autogroup_enabled}, outside a CPU
   * cgroup), the CPU is shared between sessions first, so a session of its own gives a child a share of its own.
   */
  public enum Session {
    /** A new session (and process group): a share of its own against the rest of the machine. */
    OWN,
    /** A new process group in this process's session: one share with this process and its other such children. */
    PARENTS
  }

  /** Streams on anonymous pipes, in a session of its own, inheriting no listening socket. */
  public ChildSpec(String program, List<String> argv, Map<String, String> env, Path cwd,
      Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr, long drainTimeoutMs) {
    this(program, argv, env, cwd, stdout, stderr, drainTimeoutMs, Optional.empty(), -1, Session.OWN);
  }

  public ChildSpec {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(pipes, "pipes");
    Objects.requireNonNull(session, "session");
    if (argv.isEmpty()) throw new IllegalArgumentException("argv of " + program + " is empty");
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }
}
