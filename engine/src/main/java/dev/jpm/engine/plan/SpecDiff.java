package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.ExecMode;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.model.Traffic;
import dev.jpm.engine.model.SpecFields;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fields that differ between two specs of one app, split as {@link SpecFields} declares them (and the spec hash
 * follows): {@code shape} changes what the process is (a restart is needed), {@code supervision} only how jpm looks
 * after it (applied in place). {@code instances} is in neither: a count change is a scale, which the planner handles
 * on its own. A field declared nowhere is compared as shape, by its name.
 *
 * <p>Keys are the ecosystem file's ({@code node_args}, {@code max_memory_restart}) so causes read like the file.
 */
record SpecDiff(List<Change> shape, List<Change> supervision) {

  /** How one field is compared: the changes it adds, with the file's keys and the values it may show. */
  private interface Comparison {
    void compare(ChangeList changes, AppSpec a, AppSpec b);
  }

  private static final Map<String, Comparison> FIELDS = Map.ofEntries(
      opaque("script", AppSpec::script),
      opaque("args", AppSpec::args),
      opaque("interpreter", AppSpec::interpreter),
      Map.entry("interpreterArgs", (c, a, b) -> c.compareOpaque("node_args", a.interpreterArgs(), b.interpreterArgs())),
      // The argv is derived from the four above; name it only when it changed for another reason (e.g. shell mode).
      Map.entry("command", (c, a, b) -> {
        if (c.size() == 0) c.compareOpaque("command", a.command(), b.command());
      }),
      opaque("cwd", AppSpec::cwd),
      Map.entry("env", (c, a, b) -> c.compareEnv(a.env(), b.env())),
      Map.entry("instanceVar", (c, a, b) -> c.compareOpaque("instance_var", a.instanceVar(), b.instanceVar())),
      Map.entry("incrementVar", (c, a, b) -> c.compareOpaque("increment_var", a.incrementVar(), b.incrementVar())),
      Map.entry("port", (c, a, b) -> c.compare("port", a.port(), b.port(), ValueText::orNone)),
      Map.entry("execMode", (c, a, b) -> c.compare("exec_mode", a.execMode(), b.execMode(), ExecMode::word)),
      Map.entry("traffic.reusePort", (c, a, b) -> c.compare("reuse_port", a.traffic().reusePort(),
          b.traffic().reusePort(), String::valueOf)),
      Map.entry("traffic.socketActivation", (c, a, b) -> c.compare("socket_activation",
          a.traffic().socketActivation(), b.traffic().socketActivation(), String::valueOf)),
      Map.entry("runAs", (c, a, b) -> c.compare("uid", a.runAs(), b.runAs(), ValueText::orNone)),
      Map.entry("restart", (c, a, b) -> compareRestart(c, a.restart(), b.restart())),
      Map.entry("stop", (c, a, b) -> compareStop(c, a.stop(), b.stop())),
      Map.entry("listenTimeoutMs", (c, a, b) -> c.compare("listen_timeout", a.listenTimeoutMs(), b.listenTimeoutMs(),
          ValueText::millis)),
      Map.entry("maxMemoryBytes", (c, a, b) -> c.compare("max_memory_restart", a.maxMemoryBytes(),
          b.maxMemoryBytes(), ValueText::size)),
      Map.entry("cronRestart", (c, a, b) -> c.compare("cron_restart", a.cronRestart(), b.cronRestart(),
          ValueText::orNone)),
      Map.entry("watch", (c, a, b) -> c.compare("watch", a.watch(), b.watch(), Object::toString)),
      Map.entry("ignoreWatch", (c, a, b) -> c.compare("ignore_watch", a.ignoreWatch(), b.ignoreWatch(),
          Object::toString)),
      Map.entry("watchDelayMs", (c, a, b) -> c.compare("watch_delay", a.watchDelayMs(), b.watchDelayMs(),
          ValueText::millis)),
      Map.entry("logs", (c, a, b) -> compareLogs(c, a.logs(), b.logs())),
      Map.entry("dependsOn", (c, a, b) -> c.compare("depends_on", a.dependsOn(), b.dependsOn(),
          SpecDiff::dependencies)),
      Map.entry("secretEnv", (c, a, b) -> c.compare("secret_env", a.secretEnv(), b.secretEnv(), Object::toString)),
      Map.entry("autostart", (c, a, b) -> c.compare("autostart", a.autostart(), b.autostart(), String::valueOf)),
      Map.entry("traffic.host", (c, a, b) -> c.compare("host", a.traffic().host(), b.traffic().host(),
          ValueText::orNone)),
      Map.entry("traffic.proxyProtocol", (c, a, b) -> c.compare("proxy_protocol", a.traffic().proxyProtocol(),
          b.traffic().proxyProtocol(), String::valueOf)),
      Map.entry("traffic.healthCheck", (c, a, b) -> c.compare("health_check", a.traffic().healthCheck(),
          b.traffic().healthCheck(), ValueText::orNone)),
      Map.entry("traffic.readyPattern", (c, a, b) -> c.compare("ready_pattern", a.traffic().readyPattern(),
          b.traffic().readyPattern(), ValueText::orNone)),
      Map.entry("traffic.waitReady", (c, a, b) -> c.compare("wait_ready", a.traffic().waitReady(),
          b.traffic().waitReady(), String::valueOf)),
      Map.entry("traffic.maxSurge", (c, a, b) -> c.compare("max_surge", a.traffic().maxSurge(),
          b.traffic().maxSurge(), String::valueOf)),
      Map.entry("traffic.maxUnavailable", (c, a, b) -> c.compare("max_unavailable", a.traffic().maxUnavailable(),
          b.traffic().maxUnavailable(), String::valueOf)),
      Map.entry("traffic.drainTimeoutMs", (c, a, b) -> c.compare("drain_timeout", a.traffic().drainTimeoutMs(),
          b.traffic().drainTimeoutMs(), ValueText::millis)),
      Map.entry("namespace", (c, a, b) -> c.compare("namespace", a.namespace(), b.namespace(), String::valueOf)),
      Map.entry("image", (c, a, b) -> c.compare("image", a.image(), b.image(), ValueText::orNone)),
      Map.entry("versioning", (c, a, b) -> {
        c.compare("vizion", a.versioning().vizion(), b.versioning().vizion(), String::valueOf);
        c.compare("post_update", a.versioning().postUpdate(), b.versioning().postUpdate(), Object::toString);
      }),
      // Not a file key, but it decides which file may prune the app, so adopting an app is worth a line.
      Map.entry("source", (c, a, b) -> c.compare("source", a.source(), b.source(), SpecDiff::sourceName)));

  SpecDiff {
    shape = List.copyOf(shape);
    supervision = List.copyOf(supervision);
  }

  static SpecDiff between(AppSpec before, AppSpec after) {
    return new SpecDiff(changes(SpecFields.shape(), before, after), changes(SpecFields.SUPERVISION_ONLY, before, after));
  }

  boolean isEmpty() {
    return shape.isEmpty() && supervision.isEmpty();
  }

  private static List<Change> changes(List<String> fields, AppSpec a, AppSpec b) {
    ChangeList changes = new ChangeList();
    for (String field : fields) {
      Comparison comparison = FIELDS.get(field);
      // A field without its own comparison (a new one) is named as the record names it, its values not shown.
      if (comparison == null) changes.compareOpaque(field, SpecFields.value(a, field), SpecFields.value(b, field));
      else comparison.compare(changes, a, b);
    }
    return changes.toList();
  }

  private static Map.Entry<String, Comparison> opaque(String key, Function<AppSpec, Object> field) {
    return Map.entry(key, (c, a, b) -> c.compareOpaque(key, field.apply(a), field.apply(b)));
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
