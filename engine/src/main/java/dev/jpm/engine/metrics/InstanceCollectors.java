package dev.jpm.engine.metrics;

import dev.jpm.engine.logs.LogStats;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The series of the Prometheus endpoint, computed at scrape time from the process table and the latest sample:
 * per instance (labels {@code app}, {@code index}, {@code namespace}) cpu, memory, restarts, uptime, status (one
 * series per state, 1 for the current one, as kube-state-metrics does) and log lines, bytes and dropped lines,
 * and the daemon's own usage. The label
 * is {@code index}, not {@code instance}, which Prometheus sets itself on every scraped series.
 */
final class InstanceCollectors {

  private static final String[] LABELS = {"app", "index", "namespace"};

  private final Supplier<ObservedState> table;
  private final Supplier<MetricsSnapshot> metrics;
  private final Function<InstanceId, LogStats.Counts> logs;
  private final Clock clock;

  InstanceCollectors(Supplier<ObservedState> table, Supplier<MetricsSnapshot> metrics,
      Function<InstanceId, LogStats.Counts> logs, Clock clock) {
    this.table = table;
    this.metrics = metrics;
    this.logs = logs;
    this.clock = clock;
  }

  void registerIn(PrometheusRegistry registry) {
    GaugeWithCallback.builder().name("jpm_instance_cpu_percent")
        .help("CPU of the instance's whole process tree at the last sample; 100 is one core").labelNames(LABELS)
        .callback(cb -> eachSampled((labels, usage) -> cb.call(usage.cpuPercent(), labels))).register(registry);
    GaugeWithCallback.builder().name("jpm_instance_memory_bytes")
        .help("Resident memory of the instance's whole process tree at the last sample").labelNames(LABELS)
        .callback(cb -> eachSampled((labels, usage) -> cb.call(usage.rssBytes(), labels))).register(registry);
    CounterWithCallback.builder().name("jpm_instance_restarts")
        .help("Restarts of the instance (automatic and requested) since it was created").labelNames(LABELS)
        .callback(cb -> eachInstance((labels, record) -> cb.call(record.restarts(), labels))).register(registry);
    GaugeWithCallback.builder().name("jpm_instance_uptime_seconds")
        .help("Seconds the instance's current process has been online, 0 when not online").labelNames(LABELS)
        .callback(cb -> {
          long now = clock.millis();
          eachInstance((labels, record) -> cb.call(record.uptimeMs(now) / 1000.0, labels));
        }).register(registry);
    GaugeWithCallback.builder().name("jpm_instance_status")
        .help("1 for the instance's current state, 0 for the others").labelNames("app", "index", "namespace", "status")
        .callback(cb -> eachInstance((labels, record) -> {
          for (ProcessStatus status : ProcessStatus.values())
            cb.call(status == record.status() ? 1 : 0, labels[0], labels[1], labels[2], label(status));
        })).register(registry);
    CounterWithCallback.builder().name("jpm_instance_log_lines")
        .help("Lines the instance's logs received since the daemon started").labelNames(LABELS)
        .callback(cb -> eachInstance((labels, record) -> cb.call(logs.apply(record.id()).lines(), labels)))
        .register(registry);
    CounterWithCallback.builder().name("jpm_instance_log_bytes")
        .help("Bytes the instance's logs received since the daemon started").labelNames(LABELS)
        .callback(cb -> eachInstance((labels, record) -> cb.call(logs.apply(record.id()).bytes(), labels)))
        .register(registry);
    CounterWithCallback.builder().name("jpm_instance_log_dropped_lines")
        .help("Lines lost because a log file could not be written (disk full, permission)").labelNames(LABELS)
        .callback(cb -> eachInstance((labels, record) -> cb.call(logs.apply(record.id()).droppedLines(), labels)))
        .register(registry);
    GaugeWithCallback.builder().name("jpm_daemon_memory_bytes").help("Resident memory of the jpm daemon itself")
        .callback(cb -> cb.call(metrics.get().daemon().rssBytes())).register(registry);
    GaugeWithCallback.builder().name("jpm_daemon_cpu_percent")
        .help("CPU of the jpm daemon itself at the last sample; 100 is one core")
        .callback(cb -> cb.call(metrics.get().daemon().cpuPercent())).register(registry);
  }

  /** {@code waiting restart} → {@code waiting_restart}: label values may hold spaces, queries read better without. */
  private static String label(ProcessStatus status) {
    return status.word().replace(' ', '_').toLowerCase(Locale.ROOT);
  }

  private void eachInstance(BiConsumer<String[], ProcessRecord> action) {
    for (ObservedApp app : table.get().apps().values())
      for (ProcessRecord record : app.instances()) action.accept(labels(app, record), record);
  }

  private void eachSampled(BiConsumer<String[], InstanceUsage> action) {
    MetricsSnapshot sample = metrics.get();
    eachInstance((labels, record) -> sample.usage(record.id(), record.pid()).ifPresent(u -> action.accept(labels, u)));
  }

  private static String[] labels(ObservedApp app, ProcessRecord record) {
    return new String[] {app.applied().name(), Integer.toString(record.id().index()), app.applied().namespace()};
  }
}
