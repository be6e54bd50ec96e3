package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.Traffic;
import dev.jpm.engine.supervise.ChildEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** One app's units and the report lines of what they leave out. */
final class SystemdApp {

  private final AppSpec app;
  private final Map<String, AppSpec> all;
  private final ExportSettings settings;
  private final AppLosses losses;
  private final String base;

  SystemdApp(AppSpec app, Map<String, AppSpec> all, ExportSettings settings) {
    this.app = app;
    this.all = all;
    this.settings = settings;
    this.losses = new AppLosses(app);
    this.base = base(app);
  }

  private static String base(AppSpec app) {
    return "jpm-" + SystemdSyntax.unitNamePart(app.name());
  }

  private static boolean templated(AppSpec app) {
    return app.instances() > 1;
  }

  /** The unit that stands for the whole app: its service, or the target of its instances. */
  static String unitOf(AppSpec app) {
    return base(app) + (templated(app) ? ".target" : ".service");
  }

  /** The units that run: the service, or one per instance of the template. */
  private List<String> runningUnits() {
    if (!templated(app)) return List.of(base + ".service");
    return IntStream.range(0, app.instances()).mapToObj(i -> base + "@" + i + ".service").toList();
  }

  List<ExportFile> files() {
    List<ExportFile> files = new ArrayList<>();
    files.add(new ExportFile(base + (templated(app) ? "@.service" : ".service"), service()));
    if (templated(app)) files.add(new ExportFile(base + ".target", target()));
    if (app.cronRestart() != null) {
      Optional<List<String>> calendar = CalendarSpec.of(app.cronRestart().expression());
      if (calendar.isPresent()) {
        files.add(new ExportFile(base + "-cron.service", cronService()));
        files.add(new ExportFile(base + "-cron.timer", timer(calendar.get())));
      } else {
        losses.add("cron_restart", "no timer: systemd's calendar has no word for " + app.cronRestart());
      }
    }
    losses.addLogFiles(settings, "output goes to the journal (journalctl -u " + base + "), not to this file");
    losses.addJpmOnly();
    return files;
  }

  List<Loss> losses() {
    return losses.list();
  }

  /** Started with the system unless it is registered stopped ({@code autostart: false}, or started by its timer). */
  private boolean enabled() {
    return app.autostart();
  }

  private String service() {
    UnitText unit = new UnitText().section("Unit")
        .set("Description", "jpm app " + app.name() + (templated(app) ? " instance %i" : ""))
        .set("PartOf", templated(app) ? base + ".target" : null);
    dependencies(unit);
    RestartPolicy restart = app.restart();
    if (restart.autorestart()) {
      // jpm errors an instance after max_restarts runs in a row shorter than min_uptime (each after restart_delay):
      // systemd's nearest rule is a number of starts within a time, so that many starts within that much time.
      int starts = restart.maxRestarts() + 1;
      long windowMs = starts * (restart.minUptimeMs() + restartDelayMs());
      unit.set("StartLimitIntervalSec", Math.max(1, PodTemplate.seconds(windowMs)))
          .set("StartLimitBurst", starts);
    }
    unit.section("Service").set("Type", "exec")
        .set("WorkingDirectory", SystemdSyntax.quote(app.cwd()))
        .set("User", app.runAs() == null ? null : app.runAs().user())
        .set("Group", app.runAs() == null ? null : app.runAs().group());
    environment(unit);
    unit.set("ExecStart", SystemdSyntax.commandLine(app.command()));
    restartSettings(unit);
    unit.set("KillSignal", "SIG" + app.stop().signal())
        .set("TimeoutStopSec", app.stop().killTimeoutMs() + "ms")
        .set("MemoryMax", app.maxMemoryBytes() > 0 ? app.maxMemoryBytes() : null);
    if (app.logs().disabled()) unit.set("StandardOutput", "null").set("StandardError", "null");
    reportTraffic();
    if (!templated(app) && enabled()) unit.section("Install").set("WantedBy", "multi-user.target");
    return unit.text();
  }

  private void dependencies(UnitText unit) {
    List<String> units = new ArrayList<>();
    for (Dependency dependency : app.dependsOn()) {
      units.add(unitOf(all.get(dependency.app())));
      if (dependency.condition() == Dependency.Condition.READY)
        losses.add("depends_on." + dependency.app(), "started after " + dependency.app() + " has started, not"
            + " once it is ready (systemd knows readiness only from Type=notify apps)");
    }
    if (units.isEmpty()) return;
    unit.set("After", String.join(" ", units)).set("Requires", String.join(" ", units));
  }

  /** jpm's environment of an instance; in a template the instance variable is the instance's name, its index. */
  private void environment(UnitText unit) {
    ChildEnvironment.of(app, 0, Map.of()).forEach((key, value) -> {
      boolean index = templated(app) && key.equals(app.instanceVar());
      unit.set("Environment", index ? SystemdSyntax.quote(key + "=") + "%i" : SystemdSyntax.quote(key + "=" + value));
    });
  }

  private long restartDelayMs() {
    RestartPolicy restart = app.restart();
    return restart.expBackoffInitialMs() > 0 ? restart.expBackoffInitialMs() : restart.restartDelayMs();
  }

  private void restartSettings(UnitText unit) {
    RestartPolicy restart = app.restart();
    // A cron one-shot is done when it exits cleanly; any other app is restarted after every exit, as jpm does.
    String policy = !restart.autorestart() ? "no" : CronFields.isOneShot(app) ? "on-failure" : "always";
    unit.set("Restart", policy);
    if (!restart.autorestart()) return;
    unit.set("RestartSec", restartDelayMs() + "ms");
    if (!restart.stopExitCodes().isEmpty())
      unit.set("RestartPreventExitStatus", restart.stopExitCodes().stream().sorted().map(String::valueOf)
          .collect(Collectors.joining(" ")));
    if (restart.expBackoffInitialMs() > 0)
      losses.add("exp_backoff_restart_delay", "every restart waits the first delay ("
          + restart.expBackoffInitialMs() + " ms): a growing RestartSec= needs systemd 254's RestartSteps=");
  }

  private void reportTraffic() {
    Traffic traffic = app.traffic();
    if (traffic.healthCheck() != null)
      losses.add("health_check", "not checked: systemd has no health checks (an app may send sd_notify WATCHDOG=1)");
    if (app.inheritsSocket())
      losses.add("socket_activation", "no .socket unit is written: each instance must bind PORT itself (a socket unit "
          + "named in every instance's Sockets= would share one)");
    if (!app.balanced()) return;
    if (app.instances() > 1)
      losses.add("exec_mode", "no balancer: every instance is given PORT=" + (app.port() == null ? "its own" : app.port())
          + " (reuse_port: true lets them share it)");
    if (traffic.host() != null) losses.add("host", "the app binds its port itself; host is not applied");
    if (traffic.drainTimeoutMs() != Traffic.DEFAULTS.drainTimeoutMs())
      losses.add("drain_timeout", "no balancer to drain: a stopping instance gets its stop signal at once");
  }

  private String target() {
    UnitText unit = new UnitText().section("Unit")
        .set("Description", "jpm app " + app.name() + ": " + app.instances() + " instances")
        .set("Wants", String.join(" ", runningUnits()));
    if (enabled()) unit.section("Install").set("WantedBy", "multi-user.target");
    return unit.text();
  }

  /** {@code cron_restart}: restarting a unit that is not running starts it, as jpm's cron starts a stopped app. */
  private String cronService() {
    List<String> command = new ArrayList<>(List.of("systemctl", "restart"));
    command.addAll(runningUnits());
    return new UnitText().section("Unit")
        .set("Description", "cron_restart of jpm app " + app.name())
        .section("Service").set("Type", "oneshot")
        .set("ExecStart", SystemdSyntax.commandLine(command))
        .text();
  }

  private String timer(List<String> calendar) {
    UnitText unit = new UnitText().section("Unit")
        .set("Description", "cron_restart of jpm app " + app.name() + ": " + app.cronRestart())
        .section("Timer");
    calendar.forEach(value -> unit.set("OnCalendar", value));
    return unit.set("Unit", base + "-cron.service").section("Install").set("WantedBy", "timers.target").text();
  }
}
