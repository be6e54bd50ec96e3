package dev.jpm.engine.supervise;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A process the launcher started. Its streams are read by the supervisor's log pumps, and by nobody else. Stops
 * signal the real pid: a fake whose pid and start time name no live process counts as gone as soon as it is
 * stopped, and is never signalled.
 */
public interface LaunchedProcess {

  /** Its pid; it leads its own session and process group, so this is also its process group id. */
  long pid();

  /** When the OS started it (epoch ms), so that a recycled pid is never mistaken for it. */
  long startMs();

  /** Its stdout, or an empty stream when not piped. */
  InputStream stdout();

  /** Its stderr, or an empty stream when not piped. */
  InputStream stderr();

  /** Completes with the status Java reports when it exits: the exit code, or 128 + n after signal n. */
  CompletableFuture<Integer> onExit();
}
