package dev.jpm.engine.supervise;

import dev.jpm.engine.model.InstanceId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to start one instance's process.
 *
 * @param id the instance, for messages
 * @param command the complete argv
 * @param cwd working directory
 * @param env the child's complete environment (nothing is inherited beyond it)
 * @param pipeStdout capture stdout through a pipe; false discards it
 * @param pipeStderr capture stderr through a pipe; false discards it
 */
public record LaunchRequest(
    InstanceId id, List<String> command, Path cwd, Map<String, String> env, boolean pipeStdout, boolean pipeStderr) {

  public LaunchRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cwd, "cwd");
    if (command == null || command.isEmpty()) throw new IllegalArgumentException("command of " + id + " is empty");
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }
}
