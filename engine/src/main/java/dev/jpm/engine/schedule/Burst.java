package dev.jpm.engine.schedule;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The changes of one burst, and when it is over: a burst ends at the first poll that finds nothing new, once
 * {@code watch_delay} has passed since its last change. So files written over several polls (a build, a {@code git
 * checkout}) mean one restart, not one per poll. Pure: the caller passes the time. Not thread-safe (one poll job).
 */
final class Burst {

  private final long delayMs;
  private final Set<Path> files = new LinkedHashSet<>();
  private long lastChangeMs;
  private boolean quiet;

  Burst(long delayMs) {
    this.delayMs = delayMs;
  }

  /** Records one poll's findings at {@code nowMs}. */
  void polled(List<Path> changed, long nowMs) {
    if (changed.isEmpty()) {
      quiet = true;
      return;
    }
    files.addAll(changed);
    lastChangeMs = nowMs;
    quiet = false;
  }

  /** Whether a burst is over and its restart is due. */
  boolean due(long nowMs) {
    return !files.isEmpty() && quiet && nowMs - lastChangeMs >= delayMs;
  }

  /** The files changed in this burst, in the order first seen. */
  List<Path> files() {
    return List.copyOf(files);
  }

  /** Forgets the burst (its restart was requested, or the watch paused). */
  void clear() {
    files.clear();
    quiet = false;
  }
}
