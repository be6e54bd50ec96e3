package dev.jpm.engine.daemon;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.ScheduleView;
import dev.jpm.engine.schedule.Schedules;
import dev.jpm.engine.logs.LogPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns the process table into the rows the CLI renders, with the log files the supervisor writes. */
final class Views {

  private final Path jpmHome;
  private final Clock clock;
  private final Schedules schedules;

  Views(Path jpmHome, Clock clock, Schedules schedules) {
    this.jpmHome = jpmHome;
    this.clock = clock;
    this.schedules = schedules;
  }

  ScheduleView schedule(String app) {
    return new ScheduleView(schedules.nextCronRestart(app).map(Instant::toEpochMilli).orElse(null),
        schedules.watchState(app).orElse(null));
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
        record.reason(),
        paths.out().map(Path::toString).orElse(null),
        paths.error().map(Path::toString).orElse(null),
        spec.source());
  }
}
