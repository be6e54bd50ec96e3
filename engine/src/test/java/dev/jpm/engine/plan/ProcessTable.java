package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Builds the planner's inputs: a file's desired state and a process table as the daemon would observe it. */
final class ProcessTable {

  private ProcessTable() {}

  static DesiredState file(AppSpec... apps) {
    return new DesiredState(SpecBuilder.FILE, null, List.of(apps));
  }

  static ObservedState table(ObservedApp... apps) {
    Map<String, ObservedApp> byName = new LinkedHashMap<>();
    for (ObservedApp app : apps) byName.put(app.applied().name(), app);
    return new ObservedState(byName);
  }

  /** The state right after a successful apply of {@code spec}: every instance online on its hash. */
  static ObservedApp running(AppSpec spec) {
    return new ObservedApp(spec, IntStream.range(0, spec.instances())
        .mapToObj(index -> instance(spec, index, ProcessStatus.ONLINE))
        .toList());
  }

  static ObservedApp observed(AppSpec applied, ProcessRecord... instances) {
    return new ObservedApp(applied, List.of(instances));
  }

  /** {@code record} with a restart requested for {@code cause}. */
  static ProcessRecord restartRequested(ProcessRecord record, String cause) {
    return new ProcessRecord(record.id(), record.status(), record.pid(), record.pidStartMs(), record.specHash(),
        record.startedAtMs(), record.restarts(), record.unstableRestarts(), record.lastExitCode(),
        record.lastSignal(), record.reason(), cause, record.port());
  }

  /** An instance started from {@code startedFrom}, with runtime facts that must never matter to a plan. */
  static ProcessRecord instance(AppSpec startedFrom, int index, ProcessStatus status) {
    boolean live = status.isActive();
    return new ProcessRecord(new InstanceId(startedFrom.name(), index), status, live ? 4100 + index : 0,
        live ? 1_700_000_000_000L : 0, startedFrom.specHash(), live ? 1_700_000_000_000L : 0, 7, 2,
        live ? null : 1, null, null, null, 0);
  }
}
