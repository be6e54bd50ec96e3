package dev.jpm.engine.metrics;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * {@code max_memory_restart}, checked at every sample against the resident memory of the instance's whole tree
 * (PM2 checks the main pid only, every 30 s: #3333, #4119). An instance over its limit is restarted through the
 * {@link InstanceRestarter}, off the sampler's thread (a restart waits for the stop), and never again while that
 * restart is in progress.
 */
public final class MemoryGuard {

  private static final System.Logger LOG = System.getLogger(MemoryGuard.class.getName());

  private final InstanceRestarter restarter;
  private final Executor restarts;
  private final Set<InstanceId> inProgress = ConcurrentHashMap.newKeySet();

  /** Restarts on virtual threads. */
  public MemoryGuard(InstanceRestarter restarter) {
    this(restarter, command -> Thread.ofVirtual().name("jpm-memory-restart").start(command));
  }

  MemoryGuard(InstanceRestarter restarter, Executor restarts) {
    this.restarter = restarter;
    this.restarts = restarts;
  }

  /** A sample listener: restarts every online instance whose tree is over its app's limit. */
  public void check(ObservedState observed, MetricsSnapshot snapshot) {
    for (ObservedApp app : observed.apps().values()) {
      long limit = app.applied().maxMemoryBytes();
      if (limit <= 0) continue;
      for (ProcessRecord record : app.instances()) {
        if (record.status() != ProcessStatus.ONLINE) continue;
        snapshot.usage(record.id(), record.pid()).filter(usage -> usage.rssBytes() > limit)
            .ifPresent(usage -> restart(app.applied(), usage));
      }
    }
  }

  private void restart(AppSpec spec, InstanceUsage usage) {
    InstanceId id = usage.id();
    if (!inProgress.add(id)) return;
    String cause = cause(spec.maxMemoryBytes(), usage.rssBytes());
    LOG.log(System.Logger.Level.INFO, id + ": " + cause + "; restarting");
    restarts.execute(() -> {
      try {
        restarter.restart(id, cause);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, id + ": memory restart failed", e);
      } finally {
        inProgress.remove(id);
      }
    });
  }

  /** "memory limit 200 MiB exceeded (rss 230 MiB)". */
  static String cause(long limitBytes, long rssBytes) {
    String limit = mebibytes(limitBytes);
    String rss = mebibytes(rssBytes);
    // Just over the limit must not read "64 MiB exceeded (rss 64 MiB)".
    if (rss.equals(limit)) rss = String.format(Locale.ROOT, "%.1f MiB", rssBytes / (1024.0 * 1024.0));
    return "memory limit " + limit + " exceeded (rss " + rss + ")";
  }

  /** In MiB, as the limits are usually written; small limits (tests, tiny apps) keep a decimal. */
  static String mebibytes(long bytes) {
    double mib = bytes / (1024.0 * 1024.0);
    return (mib >= 10 || mib == Math.rint(mib) ? String.format(Locale.ROOT, "%.0f", mib)
        : String.format(Locale.ROOT, "%.1f", mib)) + " MiB";
  }
}
