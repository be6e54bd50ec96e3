package dev.jpm.engine.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Watches one app: each poll takes a snapshot of its trees, adds what changed since the previous one to the current
 * burst, and asks for one restart when the burst is over. While the app is stopped the watch is paused (no walk at
 * all); it starts again from a fresh snapshot, so what changed meanwhile causes no restart (the start loaded it).
 *
 * <p>{@link #poll} runs on one Quartz worker at a time (the job disallows concurrent runs); {@link #pause} may be
 * called from any thread.
 */
final class WatchPoller {

  private static final int NAMES_IN_CAUSE = 3;
  /**
   * How long no new change must be seen before a burst is over (when watch_delay asks for less), and so how long
   * after a change the next look for more comes when that is sooner than the next regular poll. A poll that finds
   * nothing a moment after one that found changes (the regular schedule meeting the extra poll) proves nothing: it
   * used to end a burst half way on a busy machine.
   */
  static final Duration SETTLE = Duration.ofMillis(250);

  private final String app;
  private final WatchSettings settings;
  private final IgnoreRules ignore;
  private final Burst burst;
  private final AppRestarts restarts;
  private final Clock clock;
  private final Consumer<Duration> pollAgainIn;
  private volatile boolean paused;
  /** Files in the last snapshot, -1 before the first one; read by {@code jpm show}. */
  private volatile int watchedFiles = -1;
  private TreeSnapshot baseline;

  /**
   * @param pollAgainIn asks for one extra poll after the given time: a burst is over sooner than the next regular
   *     poll
   */
  WatchPoller(String app, WatchSettings settings, AppRestarts restarts, Clock clock, Consumer<Duration> pollAgainIn) {
    this.app = app;
    this.settings = settings;
    this.ignore = settings.ignoreRules();
    this.burst = new Burst(Math.max(settings.delayMs(), SETTLE.toMillis()));
    this.restarts = restarts;
    this.clock = clock;
    this.pollAgainIn = pollAgainIn;
  }

  void pause(boolean pause) {
    if (pause != paused) AppRestarts.event(app, pause ? "watch paused (app stopped)" : "watch resumed");
    paused = pause;
  }

  boolean paused() {
    return paused;
  }

  /** How many files the last snapshot held; empty before the first snapshot after a start. */
  OptionalInt watchedFiles() {
    int files = watchedFiles;
    return files < 0 ? OptionalInt.empty() : OptionalInt.of(files);
  }

  void poll() {
    if (paused) {
      baseline = null;
      watchedFiles = -1;
      burst.clear();
      return;
    }
    TreeSnapshot now = TreeSnapshot.scan(settings.roots(), ignore);
    watchedFiles = now.size();
    if (baseline == null) {
      baseline = now;
      return;
    }
    List<Path> changed = now.changedSince(baseline);
    baseline = now;
    long nowMs = clock.millis();
    burst.polled(changed, nowMs);
    if (!changed.isEmpty()) pollAgainIn.accept(SETTLE.compareTo(delay()) > 0 ? SETTLE : delay());
    if (!burst.due(nowMs)) return;
    List<Path> files = burst.files();
    if (!restarts.request(app, cause(files))) return; // a rollout runs: the next poll asks again
    AppRestarts.event(app, "watch: " + files.size() + " changed: " + relative(files, Integer.MAX_VALUE));
    burst.clear();
  }

  private Duration delay() {
    return Duration.ofMillis(settings.delayMs());
  }

  /** {@code watch: server.js changed} or {@code watch: 12 files changed (a.js, b.js, c.js, ...)}. */
  private String cause(List<Path> files) {
    if (files.size() == 1) return "watch: " + relative(files, 1) + " changed";
    return "watch: " + files.size() + " files changed (" + relative(files, NAMES_IN_CAUSE)
        + (files.size() > NAMES_IN_CAUSE ? ", ..." : "") + ")";
  }

  private String relative(List<Path> files, int limit) {
    return files.stream().limit(limit).map(this::relative).collect(Collectors.joining(", "));
  }

  private String relative(Path file) {
    for (Path root : settings.roots())
      if (file.startsWith(root) && !file.equals(root)) return root.relativize(file).toString();
    return file.toString();
  }
}
