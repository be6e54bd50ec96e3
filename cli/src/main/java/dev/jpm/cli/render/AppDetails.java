package dev.jpm.cli.render;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.RestartView;
import dev.jpm.engine.protocol.RevisionView;
import dev.jpm.engine.protocol.ScheduleView;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code jpm show} page: the app's spec in the file's words, then one block per instance with its usage, log
 * files and last restarts.
 */
public final class AppDetails {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private AppDetails() {}

  public static List<String> lines(Response.AppDetail detail, Style style) {
    return lines(detail, style, false);
  }

  /** @param showSecrets print env values whose names look secret ({@link SecretValues}) instead of a mask */
  public static List<String> lines(Response.AppDetail detail, Style style, boolean showSecrets) {
    AppSpec spec = detail.spec();
    List<String> lines = new ArrayList<>();
    lines.add(style.bold(spec.name()) + " (" + spec.execMode().word() + ", " + spec.instances() + " instance"
        + (spec.instances() == 1 ? "" : "s") + ", namespace " + spec.namespace() + ")");
    field(lines, "source", spec.source() == null ? "started by hand" : spec.source());
    field(lines, "command", String.join(" ", spec.command()));
    field(lines, "cwd", spec.cwd());
    if (spec.runAs() != null) field(lines, "uid", spec.runAs().toString());
    for (Map.Entry<String, String> env : spec.env().entrySet())
      field(lines, "env." + env.getKey(), SecretValues.shown(env.getKey(), env.getValue(), showSecrets,
          spec.secretEnv()));
    field(lines, "autorestart", Boolean.toString(spec.restart().autorestart()));
    field(lines, "max_restarts", Integer.toString(spec.restart().maxRestarts()));
    field(lines, "min_uptime", spec.restart().minUptimeMs() + "ms");
    field(lines, "restart_delay", spec.restart().restartDelayMs() + "ms");
    if (spec.restart().expBackoffInitialMs() > 0)
      field(lines, "exp_backoff_restart_delay", spec.restart().expBackoffInitialMs() + "ms");
    if (!spec.restart().stopExitCodes().isEmpty())
      field(lines, "stop_exit_codes", spec.restart().stopExitCodes().toString());
    field(lines, "stop_signal", "SIG" + spec.stop().signal());
    field(lines, "kill_timeout", spec.stop().killTimeoutMs() + "ms");
    if (spec.cronRestart() != null) field(lines, "cron_restart", spec.cronRestart().expression() + nextFire(detail.schedule()));
    if (!spec.watch().isEmpty()) field(lines, "watch", spec.watch() + watchState(detail.schedule()));
    if (spec.maxMemoryBytes() > 0) field(lines, "max_memory_restart", Usage.memory(spec.maxMemoryBytes()));
    if (detail.frontPort() != null) field(lines, "port", address(spec, detail.frontPort())
        + (spec.port() == null ? " (learned from the app's listen(), balanced by jpm)" : " (balanced by jpm)"));
    else if (spec.inheritsSocket())
      field(lines, "port", address(spec, spec.port()) + " (one socket jpm holds; the instances accept from it)");
    else if (spec.port() != null) field(lines, "port", spec.port().toString());
    if (spec.traffic().healthCheck() != null) field(lines, "health_check", describe(spec.traffic().healthCheck()));
    if (spec.traffic().readyPattern() != null) field(lines, "ready_pattern", spec.traffic().readyPattern());
    if (!spec.dependsOn().isEmpty())
      field(lines, "depends_on", spec.dependsOn().stream().map(d -> d.app()).toList().toString());
    if (!spec.versioning().postUpdate().isEmpty())
      field(lines, "post_update", String.join(" && ", spec.versioning().postUpdate()));
    revision(lines, detail.revision(), style);
    for (InstanceView row : detail.instances()) {
      lines.add("");
      lines.add(style.bold(row.id()) + "  " + ProcessTable.status(row, style)
          + (row.pid() > 0 ? "  pid " + row.pid() : "") + "  uptime " + Durations.compact(row.uptimeMs()));
      field(lines, "cpu", Usage.cpu(row.cpuPercent()) + " (with its child processes)");
      field(lines, "memory", Usage.memory(row.memoryBytes()) + " (with its child processes)");
      if (row.readiness() != null) field(lines, "readiness", row.readiness());
      if (spec.balanced()) field(lines, "connections", Integer.toString(row.connections()));
      field(lines, "restarts", row.restarts() + " (unstable in a row: " + row.unstableRestarts() + ")");
      if (row.lastExitCode() != null) field(lines, "last exit code", row.lastExitCode().toString());
      if (row.lastSignal() != null) field(lines, "last signal", "SIG" + row.lastSignal());
      if (row.reason() != null) field(lines, "reason", row.reason());
      field(lines, "out log", String.valueOf(row.outLog()));
      field(lines, "error log", String.valueOf(row.errLog()));
      field(lines, "log lines", row.logLines() + " (" + row.logBytes() + " bytes), lost " + row.logDropped());
      List<RestartView> history = detail.restarts() == null ? List.of() : detail.restarts(); // an older daemon's
      restarts(lines, history.stream().filter(r -> r.id().equals(row.id())).toList());
    }
    return lines;
  }

  /** Where the app's port listens: its host (every interface when none) and the port. */
  private static String address(AppSpec spec, int port) {
    return (spec.traffic().host() == null ? "*" : spec.traffic().host()) + ":" + port;
  }

  private static String nextFire(ScheduleView schedule) {
    if (schedule == null || schedule.nextCronRestartMs() == null) return "";
    return " (next " + Instant.ofEpochMilli(schedule.nextCronRestartMs()).atZone(ZoneId.systemDefault())
        .truncatedTo(ChronoUnit.SECONDS).toOffsetDateTime() + ")";
  }

  private static String watchState(ScheduleView schedule) {
    return schedule == null || schedule.watch() == null ? "" : " (" + schedule.watch() + ")";
  }

  /** PM2's "Revision control metadata" block. */
  private static void revision(List<String> lines, RevisionView revision, Style style) {
    if (revision == null) return;
    lines.add("");
    lines.add(style.bold("revision") + " (" + revision.type() + ")");
    field(lines, "repository", revision.repoPath());
    field(lines, "remote url", revision.remoteUrl() == null ? "none" : revision.remoteUrl());
    field(lines, "branch", revision.branch() == null ? "detached HEAD" : revision.branch());
    field(lines, "revision", revision.revision());
    field(lines, "comment", revision.comment());
    field(lines, "author", revision.author() + ", " + Instant.ofEpochMilli(revision.commitTimeMs()));
    field(lines, "ahead / behind", revision.ahead() + " / " + revision.behind());
    field(lines, "unstaged changes", revision.unstaged() ? style.yellow("yes") : "no");
  }

  /** The instance's last restarts, newest first. */
  private static void restarts(List<String> lines, List<RestartView> restarts) {
    if (restarts.isEmpty()) return;
    lines.add("  last restarts:");
    for (RestartView restart : restarts.reversed()) {
      String when = WHEN.format(Instant.ofEpochMilli(restart.atMs()).atZone(ZoneId.systemDefault()));
      String exit = restart.exitCode() != null ? "exit code " + restart.exitCode()
          : restart.signal() != null ? "SIG" + restart.signal() : "no exit seen";
      lines.add("    " + when + "  " + restart.cause() + "  [" + exit + "]");
    }
  }

  private static void field(List<String> lines, String name, String value) {
    lines.add(String.format("  %-26s %s", name, value));
  }

  /** {@code http GET :8080/health every 5000ms, timeout 1000ms, ready after 1 pass, out after 3 failures}. */
  static String describe(dev.jpm.engine.model.HealthCheck check) {
    String target = (check.port() == null ? "PORT" : ":" + check.port())
        + (check.type() == dev.jpm.engine.model.HealthCheck.Type.HTTP ? check.path() : "");
    return (check.type() == dev.jpm.engine.model.HealthCheck.Type.HTTP ? "http GET " : "tcp connect ") + target
        + " every " + check.intervalMs() + "ms, timeout " + check.timeoutMs() + "ms, ready after " + check.successes()
        + (check.successes() == 1 ? " pass" : " passes") + ", out of rotation after " + check.failures() + " failures"
        + (check.restartAfter() > 0 ? ", restarted after " + check.restartAfter() : "");
  }
}
