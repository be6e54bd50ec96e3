package dev.jpm.engine.daemon;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.supervise.LogFiles;
import java.util.ArrayList;
import java.util.List;

/** Turns the process table into the rows the CLI renders. */
final class Views {

  private Views() {}

  static List<InstanceView> table(ObservedState state, long nowMs) {
    List<InstanceView> rows = new ArrayList<>();
    for (ObservedApp app : state.apps().values()) rows.addAll(instances(app, nowMs));
    return rows;
  }

  static List<InstanceView> instances(ObservedApp app, long nowMs) {
    return app.instances().stream().map(record -> row(app.applied(), record, nowMs)).toList();
  }

  private static InstanceView row(AppSpec spec, ProcessRecord record, long nowMs) {
    int index = record.id().index();
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
        LogFiles.outFile(spec, index),
        LogFiles.errorFile(spec, index),
        spec.source());
  }
}
