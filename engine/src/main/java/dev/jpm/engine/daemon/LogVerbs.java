package dev.jpm.engine.daemon;

import dev.jpm.engine.logs.LogRouter;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ProcessRecord;
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

  /** Empties the files of every instance of the target ({@code all} or null: every app). */
  Response flush(String target) {
    boolean all = target == null || target.isBlank() || target.equals("all");
    InstanceId only = !all && target.contains("#") ? InstanceId.parse(target) : null;
    String app = only != null ? only.app() : target;
    List<ObservedApp> apps = supervisor.observe().apps().values().stream()
        .filter(a -> all || a.applied().name().equals(app)).toList();
    if (apps.isEmpty() && !all) throw new ImperativeVerbs.NotFound(target);
    int instances = 0;
    for (ObservedApp observed : apps) {
      for (ProcessRecord record : observed.instances()) {
        if (only != null && !only.equals(record.id())) continue;
        logs.truncate(logs.paths(record.id(), observed.applied().logs()));
        instances++;
      }
    }
    return new Response.Done("flushed the logs of " + instances + " instance" + (instances == 1 ? "" : "s"));
  }

  Response reload() {
    int files = logs.reopenAll();
    return new Response.Done("reopened " + files + " log file" + (files == 1 ? "" : "s"));
  }
}
