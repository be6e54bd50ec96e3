package dev.jpm.engine.daemon;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.logs.LogPaths;
import dev.jpm.engine.logs.LogRouter;
import dev.jpm.engine.logs.LogStats;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Turns the process table into the rows the CLI renders, with the log files the supervisor writes. */
final class Views {

  private final LogRouter logs;
  private final Clock clock;

  Views(LogRouter logs, Clock clock) {
    this.logs = logs;
    this.clock = clock;
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
    return app.instances().stream().map(record -> row(app.applied(), record, now)).toList();
  }

  private InstanceView row(AppSpec spec, ProcessRecord record, long nowMs) {
    int index = record.id().index();
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
        record.reason(),
        paths.out().map(Path::toString).orElse(null),
        paths.error().map(Path::toString).orElse(null),
        spec.source(),
        counts.lines(),
        counts.bytes(),
        counts.droppedLines());
  }
}
