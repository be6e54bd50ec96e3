package dev.jpm.engine.daemon;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.metrics.InstanceUsage;
import dev.jpm.engine.metrics.MetricsSnapshot;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.RestartEvent;
import dev.jpm.engine.protocol.AppInstances;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.ScheduleView;
import dev.jpm.engine.schedule.Schedules;
import dev.jpm.engine.protocol.RestartView;
import dev.jpm.engine.logs.LogPaths;
import dev.jpm.engine.logs.LogRouter;
import dev.jpm.engine.logs.LogStats;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Map;
import dev.jpm.engine.balance.Balancer;
import dev.jpm.engine.health.ReadinessTracker;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.reconcile.TrafficRouter;

/**
 * Turns the process table into the rows the CLI renders, with the log files the supervisor writes and the usage
 * of the latest metrics sample.
 */
final class Views {

  private final LogRouter logs;
  private final Clock clock;
  private final Schedules schedules;
  private final Supplier<MetricsSnapshot> metrics;
  private final Function<InstanceId, List<RestartEvent>> history;
  private final TrafficRouter router;

  /** {@code router} may be null (no readiness or connections to show). */
  Views(LogRouter logs, Clock clock, Schedules schedules, Supplier<MetricsSnapshot> metrics,
      Function<InstanceId, List<RestartEvent>> history, TrafficRouter router) {
    this.logs = logs;
    this.clock = clock;
    this.schedules = schedules;
    this.metrics = metrics;
    this.history = history;
    this.router = router;
  }

  ScheduleView schedule(String app) {
    return new ScheduleView(schedules.nextCronRestart(app).map(Instant::toEpochMilli).orElse(null),
        schedules.watchState(app).orElse(null));
  }

  /** The last restarts of every instance of {@code app}, by instance, oldest first. */
  List<RestartView> restarts(ObservedApp app) {
    List<RestartView> restarts = new ArrayList<>();
    for (ProcessRecord record : app.instances())
      for (RestartEvent event : history.apply(record.id()))
        restarts.add(new RestartView(record.id().toString(), event.atMs(), event.cause(), event.exitCode(),
            event.signal()));
    return restarts;
  }

  List<InstanceView> table(ObservedState state) {
    long now = clock.millis();
    MetricsSnapshot sample = metrics.get();
    List<InstanceView> rows = new ArrayList<>();
    for (ObservedApp app : state.apps().values()) rows.addAll(instances(app, now, sample));
    return rows;
  }

  List<InstanceView> instances(ObservedApp app) {
    return instances(app, clock.millis(), metrics.get());
  }

  /** The apps the targets named, each with its spec and the rows of its named instances. */
  List<AppInstances> apps(ObservedState state, Targets.Resolved resolved) {
    long now = clock.millis();
    MetricsSnapshot sample = metrics.get();
    List<AppInstances> apps = new ArrayList<>();
    resolved.byApp().forEach((name, ids) -> {
      ObservedApp app = state.apps().get(name);
      List<InstanceView> rows = instances(app, now, sample).stream()
          .filter(row -> ids.contains(InstanceId.parse(row.id()))).toList();
      apps.add(new AppInstances(app.applied(), rows));
    });
    return apps;
  }

  private List<InstanceView> instances(ObservedApp app, long now, MetricsSnapshot sample) {
    Map<InstanceId, Integer> connections = router == null ? Map.of()
        : router.balancer().view(app.applied().name()).map(Balancer.FrontView::connections).orElse(Map.of());
    return app.instances().stream()
        .map(record -> row(app.applied(), record, now, sample, connections.getOrDefault(record.id(), 0)))
        .toList();
  }

  private InstanceView row(AppSpec spec, ProcessRecord record, long nowMs, MetricsSnapshot sample, int connections) {
    String readiness = router == null ? null
        : router.readiness().current(record).map(s -> s.readiness().word()).orElse(null);
    String reason = record.reason();
    if (reason == null && router != null) {
      reason = router.readiness().current(record).map(ReadinessTracker.Status::reason)
          .or(() -> router.degraded(spec.name())).orElse(null);
    }
    int index = record.id().index();
    Optional<InstanceUsage> usage = record.pid() > 0 ? sample.usage(record.id(), record.pid()) : Optional.empty();
    LogPaths paths = logs.paths(record.id(), spec.logs());
    LogStats.Counts counts = logs.stats(record.id());
    return new InstanceView(
        spec.name(),
        record.id().toString(),
        index,
        spec.namespace(),
        spec.execMode().word(),
        record.pid(),
        record.status().word(),
        record.restarts(),
        record.unstableRestarts(),
        record.uptimeMs(nowMs),
        record.lastExitCode(),
        record.lastSignal(),
        reason,
        paths.out().map(Path::toString).orElse(null),
        paths.error().map(Path::toString).orElse(null),
        spec.source(),
        usage.map(u -> Math.round(u.cpuPercent() * 10) / 10.0).orElse(null), // tenths: what anyone reads
        usage.map(InstanceUsage::rssBytes).orElse(null),
        readiness,
        connections,
        counts.lines(),
        counts.bytes(),
        counts.droppedLines(),
        record.pmId() == null ? 0 : record.pmId(),
        record.status() == dev.jpm.engine.model.ProcessStatus.ONLINE ? record.startedAtMs() : 0);
  }
}
