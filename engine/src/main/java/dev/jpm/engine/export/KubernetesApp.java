package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.Traffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One app's objects: a ConfigMap of its env when it declares more than a handful of variables, a Deployment (or a
 * CronJob for a cron one-shot), and a Service when the app has a port, with the report lines of what they leave out.
 */
final class KubernetesApp {

  private final AppSpec app;
  private final KubernetesApps apps;
  private final AppLosses losses;
  private final PodTemplate pod;
  private final ExportSettings settings;

  KubernetesApp(AppSpec app, String image, KubernetesApps apps, ExportSettings settings) {
    this.app = app;
    this.apps = apps;
    this.settings = settings;
    this.losses = new AppLosses(app);
    this.pod = new PodTemplate(app, image, apps, losses);
  }

  List<Map<String, Object>> objects() {
    List<Map<String, Object>> objects = new ArrayList<>();
    Map<String, Object> configMap = pod.configMap();
    if (configMap != null) objects.add(configMap);
    objects.add(CronFields.isOneShot(app) ? cronJob() : deployment());
    if (app.port() != null) objects.add(service());
    else if (app.learnsPort())
      losses.add("exec_mode", "cluster without a port key: no Service; write the port the app listens on as port");
    losses.addLogFiles(settings, "output goes to the container's log (kubectl logs), not to this file");
    if (app.runAs() != null)
      losses.add("uid", "the container runs as its image's user: set securityContext.runAsUser in the pod");
    if (app.logs().disabled()) losses.add("disable_logs", "the container's output is kept (kubectl logs)");
    losses.addJpmOnly();
    return objects;
  }

  List<Loss> losses() {
    return losses.list();
  }

  private Map<String, Object> deployment() {
    reportRestartPolicy();
    if (app.cronRestart() != null)
      losses.add("cron_restart", "no periodic restart: a CronJob running kubectl rollout restart would do it");
    Traffic traffic = app.traffic();
    Map<String, Object> spec = Fields.of(
        "replicas", app.autostart() ? app.instances() : 0,
        "selector", Fields.of("matchLabels", apps.selectorOf(app)),
        "strategy", Fields.of("type", "RollingUpdate", "rollingUpdate",
            Fields.of("maxSurge", traffic.maxSurge(), "maxUnavailable", traffic.maxUnavailable())),
        // jpm counts an instance started once it stayed up min_uptime; so does a Deployment with minReadySeconds.
        "minReadySeconds", PodTemplate.seconds(app.restart().minUptimeMs()),
        "template", pod.template(null));
    return Fields.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", apps.metadataOf(app), "spec", spec);
  }

  /** What a Deployment's kubelet does instead of jpm's restart policy (it restarts always, with its own back-off). */
  private void reportRestartPolicy() {
    RestartPolicy restart = app.restart();
    RestartPolicy pm2 = RestartPolicy.PM2_DEFAULTS;
    String backOff = "the kubelet's back-off instead (10 s, doubling up to 5 min)";
    if (!restart.autorestart()) losses.add("autorestart", "a Deployment's pods are always restarted");
    if (restart.maxRestarts() != pm2.maxRestarts())
      losses.add("max_restarts", "never given up: a crashing pod is restarted with " + backOff);
    if (restart.restartDelayMs() != pm2.restartDelayMs()) losses.add("restart_delay", backOff);
    if (restart.expBackoffInitialMs() != pm2.expBackoffInitialMs()) losses.add("exp_backoff_restart_delay", backOff);
    if (!restart.stopExitCodes().isEmpty())
      losses.add("stop_exit_codes", "a Deployment restarts its pods after any exit, these codes too");
    reportStopSignal();
  }

  private void reportStopSignal() {
    if (!app.stop().signal().equals("TERM"))
      losses.add("stop_signal", "SIGTERM is sent instead of SIG" + app.stop().signal()
          + " (the image's STOPSIGNAL can change it)");
  }

  /** A cron one-shot: every instance runs to its end at each cron time; a run still going is replaced. */
  private Map<String, Object> cronJob() {
    RestartPolicy restart = app.restart();
    reportStopSignal();
    if (restart.stopExitCodes().stream().anyMatch(code -> code != 0))
      losses.add("stop_exit_codes", "only exit 0 ends a job's pod as done; other codes are retried");
    Map<String, Object> job = Fields.of("parallelism", app.instances(), "completions", app.instances(),
        "backoffLimit", restart.autorestart() ? restart.maxRestarts() : 0,
        "template", pod.template(restart.autorestart() ? "OnFailure" : "Never"));
    Map<String, Object> spec = Fields.of("schedule", CronFields.of(app, losses, "a CronJob"),
        "concurrencyPolicy", "Replace",
        "jobTemplate", Fields.of("metadata", Fields.of("labels", apps.labelsOf(app)), "spec", job));
    return Fields.of("apiVersion", "batch/v1", "kind", "CronJob", "metadata", apps.metadataOf(app), "spec", spec);
  }

  /** A ClusterIP Service over the ready replicas: what jpm's balancer is for a cluster app, on the app's port. */
  private Map<String, Object> service() {
    Traffic traffic = app.traffic();
    if (app.balanced() && traffic.host() != null)
      losses.add("host", "the Service listens inside the cluster; expose it with an Ingress or a LoadBalancer");
    if (app.balanced() && traffic.drainTimeoutMs() != Traffic.DEFAULTS.drainTimeoutMs())
      losses.add("drain_timeout", "a terminating pod leaves the Service at once and has its grace period to finish");
    if (app.inheritsSocket())
      losses.add("socket_activation", "no inherited socket: each pod must bind PORT itself (LISTEN_FDS is not set)");
    Map<String, Object> spec = Fields.of("type", "ClusterIP", "selector", apps.selectorOf(app),
        "ports", List.of(Fields.of("port", app.port(), "targetPort", app.port(), "protocol", "TCP")));
    return Fields.of("apiVersion", "v1", "kind", "Service", "metadata", apps.metadataOf(app), "spec", spec);
  }
}
