package dev.jpm.engine.metrics;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Samples every running instance's process tree at a fixed interval, on one daemon thread: reads the table, reads
 * the processes of its trees (and the daemon's own), publishes an immutable {@link MetricsSnapshot}, then tells its
 * listeners (the memory guard) on the same thread. Reading {@link #snapshot()} never blocks.
 */
public final class MetricsSampler implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(MetricsSampler.class.getName());

  private final Supplier<ObservedState> table;
  private final ProcessSource processes;
  private final Clock clock;
  private final long daemonPid;
  private final UsageAccountant instances = new UsageAccountant();
  private final UsageAccountant daemon = new UsageAccountant();
  private final List<BiConsumer<ObservedState, MetricsSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("jpm-metrics").daemon().stackSize(256 * 1024).factory());
  private volatile MetricsSnapshot latest = MetricsSnapshot.EMPTY;

  /** A sampler of the OS's processes (through OSHI, on Linux) for the table {@code table} returns. */
  public static MetricsSampler ofOs(Supplier<ObservedState> table, Clock clock) {
    return new MetricsSampler(table, new OshiProcesses(), clock, ProcessHandle.current().pid());
  }

  MetricsSampler(Supplier<ObservedState> table, ProcessSource processes, Clock clock, long daemonPid) {
    this.table = table;
    this.processes = processes;
    this.clock = clock;
    this.daemonPid = daemonPid;
  }

  /** Calls {@code listener} with the table and the snapshot after each sample, on the sampler's thread. */
  public void onSample(BiConsumer<ObservedState, MetricsSnapshot> listener) {
    listeners.add(listener);
  }

  /**
   * Samples every {@code interval}, from one interval on: the first sample, which lists the machine's processes,
   * then does not compete with the daemon's start and first apply. PM2 samples every 30 s and misses the spikes
   * between (#3333); reading the known trees every few seconds costs little.
   */
  public void start(Duration interval) {
    long ms = interval.toMillis();
    thread.scheduleWithFixedDelay(this::sampleQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** The latest sample; {@link MetricsSnapshot#EMPTY} until the first one. */
  public MetricsSnapshot snapshot() {
    return latest;
  }

  /** One sample, on the caller's thread (the scheduled runs and tests). */
  MetricsSnapshot sample() {
    ObservedState observed = table.get();
    Map<InstanceId, Long> roots = roots(observed);
    ProcessForest forest = new ProcessForest(processes.processes(new HashSet<>(roots.values()), daemonPid));
    long now = clock.millis();
    Map<InstanceId, InstanceUsage> usage = instances.account(roots, forest, now);
    InstanceUsage self = daemon.account(Map.of(MetricsSnapshot.DAEMON, daemonPid), forest.single(daemonPid), now)
        .getOrDefault(MetricsSnapshot.DAEMON, MetricsSnapshot.EMPTY.daemon());
    MetricsSnapshot snapshot = new MetricsSnapshot(now, usage, self);
    latest = snapshot;
    for (var listener : listeners) listener.accept(observed, snapshot);
    return snapshot;
  }

  private void sampleQuietly() {
    try {
      sample();
    } catch (RuntimeException | LinkageError e) {
      // A failed sample must not end the schedule: the next one may well work.
      LOG.log(System.Logger.Level.WARNING, "metrics sample failed", e);
    }
  }

  /** The main pid of every instance that has a process. */
  private static Map<InstanceId, Long> roots(ObservedState observed) {
    Map<InstanceId, Long> roots = new HashMap<>();
    for (ObservedApp app : observed.apps().values())
      for (ProcessRecord record : app.instances()) if (record.pid() > 0) roots.put(record.id(), record.pid());
    return roots;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS); // the source is the sampler thread's alone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    processes.close();
  }
}
