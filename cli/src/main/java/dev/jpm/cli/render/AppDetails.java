package dev.jpm.cli.render;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code jpm show} page: the app's spec in the file's words, then one block per instance. */
public final class AppDetails {

  private AppDetails() {}

  public static List<String> lines(Response.AppDetail detail, Style style) {
    AppSpec spec = detail.spec();
    List<String> lines = new ArrayList<>();
    lines.add(style.bold(spec.name()) + " (" + spec.execMode().word() + ", " + spec.instances() + " instance"
        + (spec.instances() == 1 ? "" : "s") + ", namespace " + spec.namespace() + ")");
    field(lines, "source", spec.source() == null ? "started by hand" : spec.source());
    field(lines, "command", String.join(" ", spec.command()));
    field(lines, "cwd", spec.cwd());
    for (Map.Entry<String, String> env : spec.env().entrySet()) field(lines, "env." + env.getKey(), env.getValue());
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
    if (!spec.dependsOn().isEmpty())
      field(lines, "depends_on", spec.dependsOn().stream().map(d -> d.app()).toList().toString());
    for (InstanceView row : detail.instances()) {
      lines.add("");
      lines.add(style.bold(row.id()) + "  " + ProcessTable.status(row, style)
          + (row.pid() > 0 ? "  pid " + row.pid() : "") + "  uptime " + Durations.compact(row.uptimeMs()));
      field(lines, "restarts", row.restarts() + " (unstable in a row: " + row.unstableRestarts() + ")");
      if (row.lastExitCode() != null) field(lines, "last exit code", row.lastExitCode().toString());
      if (row.lastSignal() != null) field(lines, "last signal", "SIG" + row.lastSignal());
      if (row.reason() != null) field(lines, "reason", row.reason());
      field(lines, "out log", String.valueOf(row.outLog()));
      field(lines, "error log", String.valueOf(row.errLog()));
      field(lines, "log lines", row.logLines() + " (" + row.logBytes() + " bytes), lost " + row.logDropped());
    }
    return lines;
  }

  private static void field(List<String> lines, String name, String value) {
    lines.add(String.format("  %-26s %s", name, value));
  }
}
