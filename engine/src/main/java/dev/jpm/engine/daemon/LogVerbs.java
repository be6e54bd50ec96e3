package dev.jpm.engine.daemon;

import dev.jpm.engine.logs.LogRouter;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.supervise.Supervisor;
import java.util.List;

/** {@code jpm flush [TARGET]} and {@code jpm reloadLogs}. */
final class LogVerbs {

  private final Supervisor supervisor;
  private final LogRouter logs;

  LogVerbs(Supervisor supervisor, LogRouter logs) {
    this.supervisor = supervisor;
    this.logs = logs;
  }

  /** Empties the files of every instance the target names ({@code all} or null: every app). */
  Response flush(String target) {
    boolean all = target == null || target.isBlank();
    ObservedState state = supervisor.observe();
    Targets.Resolved resolved = Targets.resolve(List.of(all ? "all" : target), state);
    int instances = 0;
    for (InstanceId id : resolved.instances()) {
      logs.truncate(logs.paths(id, state.apps().get(id.app()).applied().logs()));
      instances++;
    }
    return new Response.Done("flushed the logs of " + instances + " instance" + (instances == 1 ? "" : "s"));
  }

  Response reload() {
    int files = logs.reopenAll();
    return new Response.Done("reopened " + files + " log file" + (files == 1 ? "" : "s"));
  }
}
