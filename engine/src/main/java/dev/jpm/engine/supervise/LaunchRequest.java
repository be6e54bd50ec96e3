package dev.jpm.engine.supervise;

import dev.jpm.engine.logs.StreamConsumer;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.os.ChildSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to start one instance's process.
 *
 * @param id the instance, for messages
 * @param command the complete argv
 * @param cwd working directory
 * @param env the child's complete environment (nothing is inherited beyond it)
 * @param stdout where stdout goes (the launcher calls its {@code end()} once the process was launched); empty
 *     discards it
 * @param stderr where stderr goes, likewise
 * @param listenFd the app's shared listening socket, inherited as fd 3 (socket activation); -1 for none
 * @param session a session of its own, or the daemon's
 */
public record LaunchRequest(InstanceId id, List<String> command, Path cwd, Map<String, String> env,
    Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr, int listenFd, ChildSpec.Session session) {

  /** In a session of its own, inheriting no listening socket. */
  public LaunchRequest(InstanceId id, List<String> command, Path cwd, Map<String, String> env,
      Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr) {
    this(id, command, cwd, env, stdout, stderr, -1, ChildSpec.Session.OWN);
  }

  public LaunchRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(session, "session");
    if (command == null || command.isEmpty()) throw new IllegalArgumentException("command of " + id + " is empty");
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }
}
