package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.HealthCheck;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.Traffic;
import dev.jpm.engine.supervise.ChildEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One app as a Nomad task group: {@code Count} instances of one task, the app's port reserved on the node with a
 * service and its check, the restart policy, and the report lines of what the group leaves out. Durations are
 * nanoseconds, as Nomad's API counts them.
 */
final class NomadApp {

  static final String PORT_LABEL = "app";
  static final String HEALTH_PORT_LABEL = "health";
  private static final long MIN_RESTART_INTERVAL_MS = 5_000;
  private static final long MIN_CHECK_MS = 1_000;
  private static final long DEFAULT_PROGRESS_DEADLINE_MS = 600_000;

  /**
   * raw_exec has no working-directory setting: a shell enters the app's cwd and execs the app, so the app is the
   * task's process and gets its signals. Nomad interpolates {@code ${...}} in args, never {@code $0} or {@code $@}.
   */
  private static final String ENTER_CWD = "cd \"$0\" && exec \"$@\"";

  private final AppSpec app;
  private final String serviceName;
  private final Optional<String> image;
  private final ExportSettings settings;
  private final AppLosses losses;

  NomadApp(AppSpec app, String serviceName, ExportSettings settings) {
    this.app = app;
    this.serviceName = serviceName;
    this.image = settings.images().imageOf(app);
    this.settings = settings;
    this.losses = new AppLosses(app);
  }

  List<Loss> losses() {
    return losses.list();
  }

  /** The group of a long-running app in its namespace's service job. */
  Map<String, Object> group() {
    Map<String, Object> group = group(app.autostart() ? app.instances() : 0);
    group.put("Update", update());
    if (!app.restart().stopExitCodes().isEmpty())
      losses.add("stop_exit_codes", "a service's task is restarted after any exit, these codes too");
    if (app.cronRestart() != null)
      losses.add("cron_restart", "no periodic restart: a periodic batch job running nomad job restart would do it");
    return group;
  }

  /**
   * A cron one-shot as a batch job of its own: at each cron time every instance runs to its end; a run still going
   * when the next is due is left to finish and that start is skipped.
   */
  Map<String, Object> periodicJob() {
    Map<String, Object> periodic = Fields.of("Enabled", true, "SpecType", "cron",
        "Spec", CronFields.of(app, losses, "Nomad's periodic"), "ProhibitOverlap", true);
    losses.add("cron_restart", "a run still going at the next cron time is not restarted: that run is skipped");
    if (app.restart().stopExitCodes().stream().anyMatch(code -> code != 0))
      losses.add("stop_exit_codes", "only exit 0 ends a batch task as done; other codes are retried");
    return NomadExport.job(app.name(), "batch", periodic, List.of(group(app.instances())));
  }

  private Map<String, Object> group(int count) {
    Map<String, Object> group = Fields.of("Name", app.name(), "Count", count,
        "Networks", networks(),
        "Services", services(),
        "RestartPolicy", restartPolicy(),
        // jpm gives up on an instance in place (errored); so does a group that is never placed elsewhere.
        "ReschedulePolicy", Fields.of("Attempts", 0, "Unlimited", false),
        "Tasks", List.of(task()));
    reportDependencies();
    losses.addLogFiles(settings, "output goes to the allocation's log (nomad alloc logs), not to this file");
    if (app.logs().disabled()) losses.add("disable_logs", "the task's output is kept (nomad alloc logs)");
    losses.addJpmOnly();
    return group;
  }

  private Map<String, Object> task() {
    Map<String, Object> task = Fields.of("Name", app.name(), "Driver", image.isPresent() ? "docker" : "raw_exec",
        "User", app.runAs() == null ? null : app.runAs().user(),
        "Config", image.map(this::dockerConfig).orElseGet(this::rawExecConfig),
        "Env", env(),
        "KillTimeout", nanos(app.stop().killTimeoutMs()),
        "KillSignal", "SIG" + app.stop().signal(),
        "Resources", resources());
    if (app.runAs() != null && app.runAs().group() != null)
      losses.add("gid", "the task runs with the user's own groups: Nomad sets only the user");
    return task;
  }

  private Map<String, Object> rawExecConfig() {
    List<String> args = new ArrayList<>(List.of("-c", ENTER_CWD, app.cwd()));
    args.addAll(app.command());
    return Fields.of("command", "/bin/sh", "args", args);
  }

  private Map<String, Object> dockerConfig(String image) {
    List<String> argv = app.command();
    List<String> ports = new ArrayList<>();
    if (app.port() != null) ports.add(PORT_LABEL);
    if (healthPort().isPresent()) ports.add(HEALTH_PORT_LABEL);
    return Fields.of("image", image, "command", argv.getFirst(),
        "args", argv.size() > 1 ? argv.subList(1, argv.size()) : null,
        "work_dir", app.cwd(),
        "ports", ports.isEmpty() ? null : ports);
  }

  /** jpm's environment; the instance variable is the allocation's index, which Nomad fills in. */
  private Map<String, Object> env() {
    Map<String, Object> env = new LinkedHashMap<>(ChildEnvironment.of(app, 0, Map.of()));
    env.put(app.instanceVar(), "${NOMAD_ALLOC_INDEX}");
    return env;
  }

  private Map<String, Object> resources() {
    if (app.maxMemoryBytes() <= 0) return null;
    long mebibytes = Math.ceilDiv(app.maxMemoryBytes(), 1L << 20);
    if (image.isEmpty())
      losses.add("max_memory_restart", mebibytes + " MiB are reserved for placement; raw_exec kills the task at it"
          + " only where the client confines tasks to cgroups, and never reloads it gracefully");
    return Fields.of("MemoryMB", mebibytes);
  }

  /** The app's port, and the health check's when it is another, reserved as they are on the node. */
  private List<Object> networks() {
    List<Object> ports = new ArrayList<>();
    if (app.port() != null) ports.add(Fields.of("Label", PORT_LABEL, "Value", app.port()));
    healthPort().ifPresent(port -> ports.add(Fields.of("Label", HEALTH_PORT_LABEL, "Value", port)));
    return ports.isEmpty() ? null : List.of(Fields.of("ReservedPorts", ports));
  }

  /** The health check's own port, when it names one other than the app's. */
  private Optional<Integer> healthPort() {
    HealthCheck check = app.traffic().healthCheck();
    if (check == null || check.port() == null || check.port().equals(app.port())) return Optional.empty();
    return Optional.of(check.port());
  }

  /**
   * A service per app with a port, checked as jpm checks readiness: the health check, else a TCP connect every
   * second; {@code restart_after} failures in a row restart the task after a grace of min_uptime + listen_timeout.
   */
  private List<Object> services() {
    HealthCheck check = app.traffic().healthCheck();
    reportTraffic();
    if (app.port() == null) {
      if (check != null && check.port() == null)
        losses.add("health_check", "not checked: it names no port and the app has none (set port)");
      if (check == null || check.port() == null) return null;
    }
    if (!serviceName.equals(app.name()))
      losses.add("name", "its service is named " + serviceName + " (service names are lower-case letters, digits"
          + " and '-')");
    return List.of(Fields.of("Name", serviceName, "PortLabel", app.port() != null ? PORT_LABEL : HEALTH_PORT_LABEL,
        "Checks", List.of(check == null ? portCheck() : healthCheck(check))));
  }

  private Map<String, Object> portCheck() {
    return Fields.of("Name", serviceName + "-port", "Type", "tcp", "PortLabel", PORT_LABEL,
        "Interval", nanos(MIN_CHECK_MS), "Timeout", nanos(MIN_CHECK_MS));
  }

  private Map<String, Object> healthCheck(HealthCheck check) {
    if (check.failures() > 1)
      losses.add("health_check", "the first failed check marks the service failing, not " + check.failures()
          + " in a row (Consul's failures_before_critical is not in the job)");
    if (check.successes() > 1)
      losses.add("health_check", "the first passed check marks the service passing, not " + check.successes()
          + " in a row (Consul's success_before_passing is not in the job)");
    Map<String, Object> restart = check.restartAfter() == 0 ? null : Fields.of("Limit", check.restartAfter(),
        "Grace", nanos(app.restart().minUptimeMs() + app.listenTimeoutMs()));
    return Fields.of("Name", serviceName + "-health", "Type", check.type() == HealthCheck.Type.HTTP ? "http" : "tcp",
        "Path", check.type() == HealthCheck.Type.HTTP ? check.path() : null,
        "PortLabel", healthPort().isPresent() ? HEALTH_PORT_LABEL : PORT_LABEL,
        "Interval", nanos(Math.max(MIN_CHECK_MS, check.intervalMs())),
        "Timeout", nanos(Math.max(MIN_CHECK_MS, check.timeoutMs())),
        "CheckRestart", restart);
  }

  /**
   * jpm errors an instance after max_restarts runs in a row shorter than min_uptime, each after restart_delay:
   * Nomad's nearest rule is so many restarts within an interval, then the task fails ({@code Mode: fail}).
   */
  private Map<String, Object> restartPolicy() {
    RestartPolicy restart = app.restart();
    if (!restart.autorestart()) return Fields.of("Attempts", 0, "Mode", "fail");
    long delayMs = restart.expBackoffInitialMs() > 0 ? restart.expBackoffInitialMs() : restart.restartDelayMs();
    if (restart.expBackoffInitialMs() > 0)
      losses.add("exp_backoff_restart_delay", "every restart waits the first delay (" + delayMs
          + " ms): Nomad's restart delay does not grow");
    long intervalMs = (restart.maxRestarts() + 1L) * (restart.minUptimeMs() + delayMs);
    return Fields.of("Attempts", restart.maxRestarts(),
        "Interval", nanos(Math.max(MIN_RESTART_INTERVAL_MS, intervalMs)),
        "Delay", nanos(delayMs), "Mode", "fail");
  }

  /**
   * A rollout replaces max_unavailable allocations at a time (at least one), each healthy for min_uptime before the
   * next, within min_uptime + listen_timeout.
   */
  private Map<String, Object> update() {
    Traffic traffic = app.traffic();
    if (traffic.maxSurge() > 0 && app.port() != null)
      losses.add("max_surge", "Nomad has no surge: a rollout stops an old allocation before its replacement starts");
    long minHealthyMs = app.restart().minUptimeMs();
    long healthyDeadlineMs = minHealthyMs + Math.max(MIN_CHECK_MS, app.listenTimeoutMs());
    return Fields.of("MaxParallel", Math.max(1, traffic.maxUnavailable()),
        "HealthCheck", app.port() != null || healthPort().isPresent() ? "checks" : "task_states",
        "MinHealthyTime", nanos(minHealthyMs), "HealthyDeadline", nanos(healthyDeadlineMs),
        "ProgressDeadline", nanos(Math.max(DEFAULT_PROGRESS_DEADLINE_MS, healthyDeadlineMs + MIN_CHECK_MS)));
  }

  private void reportTraffic() {
    Traffic traffic = app.traffic();
    if (app.port() == null && app.learnsPort())
      losses.add("exec_mode", "cluster without a port key: no service; write the port the app listens on as port");
    if (app.inheritsSocket())
      losses.add("socket_activation", "no inherited socket: each allocation must bind PORT itself (LISTEN_FDS is not "
          + "set)");
    if (!app.balanced()) return;
    if (app.instances() > 1 && app.port() != null)
      losses.add("exec_mode", "no balancer: each allocation listens on port " + app.port() + " of its own node, so"
          + " no two share a node; a load balancer reads the service's instances");
    if (traffic.host() != null) losses.add("host", "the app binds its port itself; host is not applied");
    if (traffic.drainTimeoutMs() != Traffic.DEFAULTS.drainTimeoutMs())
      losses.add("drain_timeout", "no balancer to drain: a stopping allocation gets its kill signal at once");
  }

  /** Nomad starts a job's groups in any order and cannot wait for another group. */
  private void reportDependencies() {
    for (Dependency dependency : app.dependsOn())
      losses.add("depends_on." + dependency.app(), "not awaited: Nomad starts a job's groups in any order"
          + " (a prestart task could wait for " + dependency.app() + "'s service)");
  }

  private static long nanos(long millis) {
    return millis * 1_000_000;
  }
}
