package dev.jpm.cli.render;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.protocol.AppInstances;
import dev.jpm.engine.protocol.InstanceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process list in the shape of {@code pm2 jlist}, so tools written for PM2 read jpm's: one object per instance
 * with {@code pid}, {@code name}, {@code pm2_env}, {@code pm_id} and {@code monit}. Pure: the values come from the
 * daemon's rows and specs.
 *
 * <p>What differs from PM2, where jpm has no such fact: {@code created_at} is the start of the current run (jpm
 * keeps no creation time), {@code pm2_env.env} is the declared environment (PM2 also copies the whole shell of the
 * caller, which jpm never passes on), and memory and cpu are the whole process tree's.
 */
public final class Pm2Processes {

  private Pm2Processes() {}

  /** One entry per instance, apps in the order given, keys in PM2's order. */
  public static List<Map<String, Object>> of(List<AppInstances> apps) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (AppInstances app : apps)
      for (InstanceView row : app.instances()) list.add(entry(app.spec(), row));
    return list;
  }

  static Map<String, Object> entry(AppSpec spec, InstanceView row) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("pid", row.pid());
    entry.put("name", row.name());
    entry.put("pm2_env", environment(spec, row));
    entry.put("pm_id", row.pmId());
    Map<String, Object> monit = new LinkedHashMap<>();
    monit.put("memory", row.memoryBytes() == null ? 0L : row.memoryBytes());
    monit.put("cpu", row.cpuPercent() == null ? 0.0 : row.cpuPercent()); // tenths, as PM2 rounds it
    entry.put("monit", monit);
    return entry;
  }

  private static Map<String, Object> environment(AppSpec spec, InstanceView row) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("name", row.name());
    env.put("namespace", row.namespace());
    env.put("pm_id", row.pmId());
    env.put("status", row.status());
    env.put("restart_time", row.restarts());
    env.put("unstable_restarts", row.unstableRestarts());
    env.put("pm_uptime", row.startedAtMs());
    env.put("created_at", row.startedAtMs());
    env.put("exec_mode", row.mode() + "_mode");
    env.put("instances", spec.instances());
    env.put(spec.instanceVar() == null ? AppSpec.DEFAULT_INSTANCE_VAR : spec.instanceVar(), row.instance());
    env.put("exit_code", row.lastExitCode());
    env.put("pm_exec_path", spec.script());
    env.put("pm_cwd", spec.cwd());
    env.put("exec_interpreter", spec.interpreter() == null ? "none" : spec.interpreter());
    env.put("args", spec.args());
    env.put("node_args", spec.interpreterArgs());
    env.put("pm_out_log_path", row.outLog());
    env.put("pm_err_log_path", row.errLog());
    env.put("autorestart", spec.restart().autorestart());
    env.put("watch", !spec.watch().isEmpty());
    env.put("max_restarts", spec.restart().maxRestarts());
    env.put("min_uptime", spec.restart().minUptimeMs());
    env.put("kill_timeout", spec.stop().killTimeoutMs());
    if (spec.maxMemoryBytes() > 0) env.put("max_memory_restart", spec.maxMemoryBytes());
    if (spec.cronRestart() != null) env.put("cron_restart", spec.cronRestart().expression());
    env.put("env", new LinkedHashMap<String, Object>(spec.env()));
    // jpm's own, beside PM2's keys: its instance id and why the instance is in its state.
    env.put("jpm_id", row.id());
    if (row.reason() != null) env.put("jpm_reason", row.reason());
    return env;
  }
}
