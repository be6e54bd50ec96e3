package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.Traffic;
import java.util.ArrayList;
import java.util.List;

/** The fidelity report lines of one app, as a target finds them; those that no target expresses are found here. */
final class AppLosses {

  private final AppSpec app;
  private final List<Loss> losses = new ArrayList<>();

  AppLosses(AppSpec app) {
    this.app = app;
  }

  void add(String key, String instead) {
    losses.add(new Loss(app.name(), key, instead));
  }

  List<Loss> list() {
    return List.copyOf(losses);
  }

  /** Log files the user named: each target keeps output its own way ({@code instead}). */
  void addLogFiles(ExportSettings settings, String instead) {
    LogSpec logs = app.logs();
    if (settings.namedByUser(logs.outFile())) add("out_file", instead);
    if (settings.namedByUser(logs.errorFile())) add("error_file", instead);
    if (settings.namedByUser(logs.combinedFile())) add("log_file", instead);
    if (settings.namedByUser(logs.pidFile())) add("pid_file", "no pid file is written");
  }

  /** What neither Kubernetes nor systemd can do, said the same way for both. */
  void addJpmOnly() {
    if (!app.watch().isEmpty()) add("watch", "not watched: the app restarts only when it exits or is rolled out");
    Traffic traffic = app.traffic();
    if (traffic.readyPattern() != null)
      add("ready_pattern", "output is not read for readiness: the port or health check says it, else the start");
    if (traffic.waitReady())
      add("wait_ready", "process.send('ready') is not heard: the port or health check says it, else the start");
    if (traffic.proxyProtocol()) add("proxy_protocol", "no PROXY header is sent to the app");
    if (app.stop().shutdownWithMessage()) add("shutdown_with_message", "no 'shutdown' message: the stop signal is sent");
    if (!app.versioning().postUpdate().isEmpty()) add("post_update", "not run: there is no git checkout to update");
    if (app.incrementVar() != null && app.instances() > 1)
      add("increment_var", "every instance gets the declared " + app.incrementVar() + ", not one more per instance");
    LogSpec logs = app.logs();
    if (logs.dateFormat() != null) add("log_date_format", "lines are not prefixed with a timestamp");
    if (logs.json()) add("log_type", "lines are not wrapped as JSON objects");
    if (logs.rotation() != null && logs.rotation().active()) add("log_rotate", "not rotated by jpm");
  }
}
