package dev.jpm.engine.supervise;

import java.io.IOException;

/**
 * The port through which the supervisor starts processes. {@link OsProcessLauncher} is the real one; tests of
 * other packages may substitute a fake where a real process adds nothing.
 */
public interface ProcessLauncher {

  /**
   * Starts the process described by {@code request}, in its own session and process group.
   *
   * @throws IOException when it cannot be started (missing executable or cwd...): the supervisor turns this into an
   *     errored instance with the message as reason
   */
  LaunchedProcess launch(LaunchRequest request) throws IOException;
}
