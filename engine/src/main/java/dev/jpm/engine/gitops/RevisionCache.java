package dev.jpm.engine.gitops;

import dev.jpm.engine.git.RevisionProbe;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.protocol.RevisionView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revision info per app, read on demand (by {@code jpm show}, never by {@code jpm ls}) and kept until it is stale:
 * older than {@link #MAX_AGE}, older than the app's newest instance start (a restart refreshes it), or read from
 * another folder. Thread-safe.
 */
public final class RevisionCache {

  /** A checkout can move under jpm's feet (a manual git pull); a show a minute later sees it. */
  static final Duration MAX_AGE = Duration.ofSeconds(60);

  private record Entry(String cwd, Optional<RevisionView> revision, long probedAtMs) {}

  private final RevisionProbe probe;
  private final Clock clock;
  private final Map<String, Entry> byApp = new ConcurrentHashMap<>();

  public RevisionCache(RevisionProbe probe, Clock clock) {
    this.probe = probe;
    this.clock = clock;
  }

  /**
   * The revision of {@code app}'s folder; empty when {@code vizion} is off or the folder is in no repository.
   *
   * @param lastStartMs when the app's newest instance started (epoch ms), 0 if none runs
   */
  public Optional<RevisionView> revision(AppSpec app, long lastStartMs) {
    if (!app.versioning().vizion()) return Optional.empty();
    long now = clock.millis();
    Entry entry = byApp.get(app.name());
    if (entry != null && !isStale(entry.probedAtMs(), lastStartMs, now) && entry.cwd().equals(app.cwd()))
      return entry.revision();
    Entry fresh = new Entry(app.cwd(), probe.probe(Path.of(app.cwd())), now);
    byApp.put(app.name(), fresh);
    return fresh.revision();
  }

  /** Forgets an app's entry (after jpm moved its checkout, or deleted it). */
  public void forget(String app) {
    byApp.remove(app);
  }

  static boolean isStale(long probedAtMs, long lastStartMs, long nowMs) {
    return probedAtMs < lastStartMs || nowMs - probedAtMs > MAX_AGE.toMillis();
  }
}
