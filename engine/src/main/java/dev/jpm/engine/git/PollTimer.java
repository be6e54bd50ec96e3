package dev.jpm.engine.git;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The daemon timer that polls GitOps sources: one thread that only fires, each poll running on its own virtual
 * thread so a long apply never delays another source. Kept behind this one class so the polls can move onto the
 * daemon's one Quartz scheduler without touching the rest of the package.
 */
public final class PollTimer implements AutoCloseable {

  private final Map<String, ScheduledFuture<?>> jobs = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer; // made on first use: a daemon without sources keeps no timer thread
  private boolean closed;

  /** Runs {@code task} every {@code interval} after {@code firstDelay}; replaces a job of the same key. */
  synchronized void every(String key, Duration interval, Duration firstDelay, Runnable task) {
    if (closed) return;
    if (timer == null) timer = Executors.newSingleThreadScheduledExecutor(
        runnable -> Thread.ofPlatform().name("jpm-gitops-timer").daemon(true).unstarted(runnable));
    ScheduledFuture<?> job = timer.scheduleWithFixedDelay(() -> Thread.ofVirtual().name("jpm-gitops-" + key)
        .start(task), firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    ScheduledFuture<?> old = jobs.put(key, job);
    if (old != null) old.cancel(false);
  }

  void cancel(String key) {
    ScheduledFuture<?> job = jobs.remove(key);
    if (job != null) job.cancel(false);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) timer.shutdownNow();
  }
}
