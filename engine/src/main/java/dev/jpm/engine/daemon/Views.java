package dev.jpm.engine.daemon;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.logs.LogPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.jpm.engine.balance.Balancer;
import dev.jpm.engine.health.ReadinessTracker;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.reconcile.TrafficRouter;

/** Turns the process table into the rows the CLI renders, with the log files the supervisor writes. */
final class Views {

  private final Path jpmHome;
  private final Clock clock;
  private final TrafficRouter router;

  /** {@code router} may be null (no readiness or connections to show). */
  Views(Path jpmHome, Clock clock, TrafficRouter router) {
    this.jpmHome = jpmHome;
    this.clock = clock;
    this.router = router;
  }

  List<InstanceView> table(ObservedState state) {
    long now = clock.millis();
    List<InstanceView> rows = new ArrayList<>();
    for (ObservedApp app : state.apps().values()) rows.addAll(instances(app, now));
    return rows;
  }

  List<InstanceView> instances(ObservedApp app) {
    return instances(app, clock.millis());
  }

  private List<InstanceView> instances(ObservedApp app, long now) {
    Map<InstanceId, Integer> connections = router == null ? Map.of()
        : router.balancer().view(app.applied().name()).map(Balancer.FrontView::connections).orElse(Map.of());
    return app.instances().stream()
        .map(record -> row(app.applied(), record, now, connections.getOrDefault(record.id(), 0)))
        .toList();
  }

  private InstanceView row(AppSpec spec, ProcessRecord record, long nowMs, int connections) {
    String readiness = router == null ? null
        : router.readiness().current(record).map(s -> s.readiness().word()).orElse(null);
    String reason = record.reason();
    if (reason == null && router != null) {
      reason = router.readiness().current(record).map(ReadinessTracker.Status::reason)
          .or(() -> router.degraded(spec.name())).orElse(null);
    }
    int index = record.id().index();
    LogPaths paths = LogPaths.of(spec.logs(), index, jpmHome);
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
        readiness,
        connections);
  }
}
