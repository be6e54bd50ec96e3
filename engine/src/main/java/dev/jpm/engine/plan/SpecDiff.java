package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.ExecMode;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.model.Traffic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fields that differ between two specs of one app, split as the spec hash splits them: {@code shape} changes
 * what the process is (a restart is needed), {@code supervision} only how jpm looks after it (applied in place).
 * {@code instances} is in neither: a count change is a scale, which the planner handles on its own.
 *
 * <p>Keys are the ecosystem file's ({@code node_args}, {@code max_memory_restart}) so causes read like the file.
 */
record SpecDiff(List<Change> shape, List<Change> supervision) {

  SpecDiff {
    shape = List.copyOf(shape);
    supervision = List.copyOf(supervision);
  }

  static SpecDiff between(AppSpec before, AppSpec after) {
    return new SpecDiff(shapeChanges(before, after), supervisionChanges(before, after));
  }

  boolean isEmpty() {
    return shape.isEmpty() && supervision.isEmpty();
  }

  /** Mirrors {@link AppSpec#specHash()}: argv, cwd, env, instance variables, port and exec mode. */
  private static List<Change> shapeChanges(AppSpec a, AppSpec b) {
    ChangeList changes = new ChangeList();
    changes.compareOpaque("script", a.script(), b.script());
    changes.compareOpaque("args", a.args(), b.args());
    changes.compareOpaque("interpreter", a.interpreter(), b.interpreter());
    changes.compareOpaque("node_args", a.interpreterArgs(), b.interpreterArgs());
    // The argv is derived from the four above; name it only when it changed for another reason (e.g. shell mode).
    if (changes.size() == 0) changes.compareOpaque("command", a.command(), b.command());
    changes.compareOpaque("cwd", a.cwd(), b.cwd());
    changes.compareEnv(a.env(), b.env());
    changes.compareOpaque("instance_var", a.instanceVar(), b.instanceVar());
    changes.compareOpaque("increment_var", a.incrementVar(), b.incrementVar());
    changes.compare("port", a.port(), b.port(), ValueText::orNone);
    changes.compare("exec_mode", a.execMode(), b.execMode(), ExecMode::word);
    changes.compare("reuse_port", a.traffic().reusePort(), b.traffic().reusePort(), String::valueOf);
    changes.compare("uid", a.runAs(), b.runAs(), ValueText::orNone);
    return changes.toList();
  }

  private static List<Change> supervisionChanges(AppSpec a, AppSpec b) {
    ChangeList changes = new ChangeList();
    compareRestart(changes, a.restart(), b.restart());
    compareStop(changes, a.stop(), b.stop());
    changes.compare("listen_timeout", a.listenTimeoutMs(), b.listenTimeoutMs(), ValueText::millis);
    changes.compare("max_memory_restart", a.maxMemoryBytes(), b.maxMemoryBytes(), ValueText::size);
    changes.compare("cron_restart", a.cronRestart(), b.cronRestart(), ValueText::orNone);
    changes.compare("watch", a.watch(), b.watch(), Object::toString);
    changes.compare("ignore_watch", a.ignoreWatch(), b.ignoreWatch(), Object::toString);
    changes.compare("watch_delay", a.watchDelayMs(), b.watchDelayMs(), ValueText::millis);
    compareLogs(changes, a.logs(), b.logs());
    changes.compare("depends_on", a.dependsOn(), b.dependsOn(), SpecDiff::dependencies);
    changes.compare("secret_env", a.secretEnv(), b.secretEnv(), Object::toString);
    changes.compare("autostart", a.autostart(), b.autostart(), String::valueOf);
    compareTraffic(changes, a.traffic(), b.traffic());
    changes.compare("namespace", a.namespace(), b.namespace(), String::valueOf);
    changes.compare("image", a.image(), b.image(), ValueText::orNone);
    changes.compare("vizion", a.versioning().vizion(), b.versioning().vizion(), String::valueOf);
    changes.compare("post_update", a.versioning().postUpdate(), b.versioning().postUpdate(), Object::toString);
    // Not a file key, but it decides which file may prune the app, so adopting an app is worth a line.
    changes.compare("source", a.source(), b.source(), SpecDiff::sourceName);
    return changes.toList();
  }

  private static void compareRestart(ChangeList changes, RestartPolicy a, RestartPolicy b) {
    changes.compare("autorestart", a.autorestart(), b.autorestart(), String::valueOf);
    changes.compare("max_restarts", a.maxRestarts(), b.maxRestarts(), String::valueOf);
    changes.compare("min_uptime", a.minUptimeMs(), b.minUptimeMs(), ValueText::millis);
    changes.compare("restart_delay", a.restartDelayMs(), b.restartDelayMs(), ValueText::millis);
    changes.compare(
        "exp_backoff_restart_delay", a.expBackoffInitialMs(), b.expBackoffInitialMs(), ValueText::millis);
    changes.compare("stop_exit_codes", a.stopExitCodes(), b.stopExitCodes(), ValueText::sorted);
  }

  private static void compareStop(ChangeList changes, StopPolicy a, StopPolicy b) {
    changes.compare("stop_signal", a.signal(), b.signal(), String::valueOf);
    changes.compare("kill_timeout", a.killTimeoutMs(), b.killTimeoutMs(), ValueText::millis);
    changes.compare("shutdown_with_message", a.shutdownWithMessage(), b.shutdownWithMessage(), String::valueOf);
  }

  private static void compareTraffic(ChangeList changes, Traffic a, Traffic b) {
    changes.compare("host", a.host(), b.host(), ValueText::orNone);
    changes.compare("proxy_protocol", a.proxyProtocol(), b.proxyProtocol(), String::valueOf);
    changes.compare("health_check", a.healthCheck(), b.healthCheck(), ValueText::orNone);
    changes.compare("ready_pattern", a.readyPattern(), b.readyPattern(), ValueText::orNone);
    changes.compare("wait_ready", a.waitReady(), b.waitReady(), String::valueOf);
    changes.compare("max_surge", a.maxSurge(), b.maxSurge(), String::valueOf);
    changes.compare("max_unavailable", a.maxUnavailable(), b.maxUnavailable(), String::valueOf);
    changes.compare("drain_timeout", a.drainTimeoutMs(), b.drainTimeoutMs(), ValueText::millis);
  }

  private static void compareLogs(ChangeList changes, LogSpec a, LogSpec b) {
    changes.compare("out_file", a.outFile(), b.outFile(), ValueText::orNone);
    changes.compare("error_file", a.errorFile(), b.errorFile(), ValueText::orNone);
    changes.compare("log_file", a.combinedFile(), b.combinedFile(), ValueText::orNone);
    changes.compare("merge_logs", a.merge(), b.merge(), String::valueOf);
    changes.compare("disable_logs", a.disabled(), b.disabled(), String::valueOf);
    changes.compare("log_date_format", a.dateFormat(), b.dateFormat(), ValueText::orNone);
    changes.compare("log_type", a.json(), b.json(), json -> json ? "json" : "raw");
    changes.compare("pid_file", a.pidFile(), b.pidFile(), ValueText::orNone);
    changes.compare("log_rotate", a.rotation(), b.rotation(), SpecDiff::rotation);
  }

  /** {@code size 10M, daily, keep 5, gzip}; {@code off}; {@code default} when the daemon's default applies. */
  private static String rotation(dev.jpm.engine.model.LogRotation r) {
    if (r == null) return "default";
    if (!r.active()) return "off";
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (r.maxBytes() > 0) parts.add("size " + r.maxBytes() + "B");
    if (r.interval() != dev.jpm.engine.model.LogRotation.Interval.NONE)
      parts.add(r.interval().name().toLowerCase(java.util.Locale.ROOT));
    parts.add("keep " + r.keep());
    if (r.compress()) parts.add("gzip");
    return String.join(", ", parts);
  }

  /** {@code [db, cache:ready]}: the condition is written only when it is not the default. */
  private static String dependencies(List<Dependency> dependsOn) {
    return dependsOn.stream()
        .map(d -> d.condition() == Dependency.Condition.STARTED ? d.app() : d.app() + ":ready")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String sourceName(String source) {
    return source == null ? "by hand" : ValueText.fileName(source);
  }
}
