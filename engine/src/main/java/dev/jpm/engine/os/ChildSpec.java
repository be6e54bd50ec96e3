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
 */
public record ChildSpec(String program, List<String> argv, Map<String, String> env, Path cwd,
    Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr, long drainTimeoutMs, Optional<Path> pipes,
    int listenFd) {

  /** Inheriting no listening socket. */
  public ChildSpec(String program, List<String> argv, Map<String, String> env, Path cwd,
      Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr, long drainTimeoutMs, Optional<Path> pipes) {
    this(program, argv, env, cwd, stdout, stderr, drainTimeoutMs, pipes, -1);
  }

  /** Streams on anonymous pipes. */
  public ChildSpec(String program, List<String> argv, Map<String, String> env, Path cwd,
      Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr, long drainTimeoutMs) {
    this(program, argv, env, cwd, stdout, stderr, drainTimeoutMs, Optional.empty(), -1);
  }

  public ChildSpec {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(pipes, "pipes");
    if (argv.isEmpty()) throw new IllegalArgumentException("argv of " + program + " is empty");
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }
}
