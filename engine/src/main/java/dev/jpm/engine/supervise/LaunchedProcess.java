package dev.jpm.engine.supervise;

import java.util.concurrent.CompletableFuture;

/**
 * A process the launcher started, whose output already goes to the consumers of its {@link LaunchRequest}. Stops
 * signal the real pid: a fake whose pid and start time name no live process counts as gone as soon as it is
 * stopped, and is never signalled.
 */
public interface LaunchedProcess {

  /** Its pid; it leads its own process group, so this is also its process group id. */
  long pid();

  /** When the OS started it (epoch ms), so that a recycled pid is never mistaken for it. */
  long startMs();

  /**
   * Completes when it exited, after what was left of its process group was killed and its output drained into
   * the consumers (or the drain timeout passed), so that the exit is processed after every line it wrote.
   */
  CompletableFuture<ExitStatus> onExit();
}
