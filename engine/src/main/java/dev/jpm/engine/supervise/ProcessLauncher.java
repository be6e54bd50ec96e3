package dev.jpm.engine.supervise;

import java.io.IOException;

/**
 * The port through which the supervisor starts processes. {@link OsProcessLauncher} is the real one; tests of
 * other packages may substitute a fake where a real process adds nothing.
 */
public interface ProcessLauncher {

  /**
   * Starts the process described by {@code request}, leading its own process group.
   *
   * @throws IOException when it cannot be started (missing executable or cwd...): the supervisor turns this into an
   *     errored instance with the message as reason
   */
  LaunchedProcess launch(LaunchRequest request) throws IOException;

  /**
   * Takes over a process that a previous daemon launched through this kind of launcher and that still runs
   * ({@code pid}, started at {@code startMs}): its output from now on goes to the consumers of {@code request}, and
   * nothing it wrote meanwhile is lost. Its exit status cannot be known (it is not our child).
   *
   * @throws IOException when it cannot be taken over (its pipes are gone, it just ended...): the caller stops it and
   *     starts it again instead
   */
  default LaunchedProcess adopt(LaunchRequest request, long pid, long startMs) throws IOException {
    throw new IOException("this launcher cannot take over running processes");
  }
}
