package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.HealthCheck;
import dev.jpm.engine.supervise.ChildEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod an app runs in: one container with the app's argv, cwd, environment (as jpm gives it to instance 0), memory
 * limit and probes, and an init container per dependency that waits until the dependency's Service answers.
 */
final class PodTemplate {

  /**
   * Waits for a TCP port with what an app image is likely to have: busybox's or netcat's {@code nc}, else bash's
   * {@code /dev/tcp}. A Service routes only to ready pods, so an answer means the dependency is ready.
   */
  private static final String WAIT_FOR_PORT = "until nc -z %1$s %2$d 2>/dev/null || bash -c '</dev/tcp/%1$s/%2$d'"
      + " 2>/dev/null; do echo waiting for %1$s:%2$d; sleep 1; done";

  private final AppSpec app;
  private final String name;
  private final String image;
  private final KubernetesApps apps;
  private final AppLosses losses;
  private final KubernetesEnv env;

  PodTemplate(AppSpec app, String image, KubernetesApps apps, AppLosses losses) {
    this.app = app;
    this.name = apps.nameOf(app.name());
    this.image = image;
    this.apps = apps;
    this.losses = losses;
    this.env = environment();
  }

  /** The pod template of a workload; {@code restartPolicy} is null for a Deployment (always restarted). */
  Map<String, Object> template(String restartPolicy) {
    List<Map<String, Object>> waits = initContainers();
    Map<String, Object> spec = Fields.of("restartPolicy", restartPolicy,
        "terminationGracePeriodSeconds", seconds(app.stop().killTimeoutMs()),
        "initContainers", waits.isEmpty() ? null : waits,
        "containers", List.of(container()));
    return Fields.of("metadata", Fields.of("labels", apps.labelsOf(app)), "spec", spec);
  }

  private Map<String, Object> container() {
    List<String> argv = app.command();
    Map<String, Object> limits = app.maxMemoryBytes() > 0 ? Fields.of("memory", quantity(app.maxMemoryBytes())) : null;
    Integer probePort = probePort();
    return Fields.of("name", name, "image", image,
        "command", List.of(argv.getFirst()),
        "args", argv.size() > 1 ? argv.subList(1, argv.size()) : null,
        "workingDir", app.cwd(),
        "envFrom", env.envFrom(),
        "env", env.env(),
        "ports", ports(probePort),
        "resources", limits == null ? null : Fields.of("limits", limits),
        "startupProbe", startupProbe(probePort),
        "readinessProbe", readinessProbe(probePort),
        "livenessProbe", livenessProbe(probePort));
  }

  /** jpm's environment of instance 0; with several replicas the instance variable cannot differ between them. */
  private KubernetesEnv environment() {
    Map<String, String> variables = new LinkedHashMap<>(ChildEnvironment.of(app, 0, Map.of()));
    if (app.instances() > 1) {
      variables.remove(app.instanceVar());
      losses.add("instance_var", "not set: a Deployment's replicas are alike and have no index");
    }
    return new KubernetesEnv(app, name, variables, losses);
  }

  /** The ConfigMap the container's {@code envFrom} reads, or null when the app declares only a handful of variables. */
  Map<String, Object> configMap() {
    return env.configMap(Fields.of("name", env.configMapName(), "labels", apps.labelsOf(app)));
  }

  private List<Map<String, Object>> ports(Integer probePort) {
    List<Map<String, Object>> ports = new ArrayList<>();
    if (app.port() != null) ports.add(Fields.of("containerPort", app.port(), "protocol", "TCP"));
    if (probePort != null && !probePort.equals(app.port()))
      ports.add(Fields.of("containerPort", probePort, "protocol", "TCP"));
    return ports.isEmpty() ? null : ports;
  }

  /** The port jpm checks readiness on: the health check's, else the app's; null when there is none. */
  private Integer probePort() {
    HealthCheck check = app.traffic().healthCheck();
    Integer port = check != null && check.port() != null ? check.port() : app.port();
    if (check != null && port == null)
      losses.add("health_check", "not checked: it names no port and the app has none (set port)");
    return port;
  }

  private Map<String, Object> readinessProbe(Integer port) {
    if (port == null) return null;
    HealthCheck check = app.traffic().healthCheck();
    if (check == null) return probe(port, Fields.of("periodSeconds", 1));
    return probe(port, Fields.of("periodSeconds", seconds(check.intervalMs()),
        "timeoutSeconds", seconds(check.timeoutMs()), "successThreshold", check.successes(),
        "failureThreshold", check.failures()));
  }

  /** {@code restart_after}: so many failed checks in a row restart the container, as they restart the instance. */
  private Map<String, Object> livenessProbe(Integer port) {
    HealthCheck check = app.traffic().healthCheck();
    if (port == null || check == null || check.restartAfter() == 0) return null;
    return probe(port, Fields.of("periodSeconds", seconds(check.intervalMs()),
        "timeoutSeconds", seconds(check.timeoutMs()), "failureThreshold", check.restartAfter()));
  }

  /**
   * Keeps the liveness probe off a starting container for {@code min_uptime} + {@code listen_timeout}, the time jpm
   * gives an instance to become ready.
   */
  private Map<String, Object> startupProbe(Integer port) {
    if (livenessProbe(port) == null) return null;
    long startMs = app.restart().minUptimeMs() + app.listenTimeoutMs();
    return probe(port, Fields.of("periodSeconds", 1, "failureThreshold", Math.max(1, seconds(startMs))));
  }

  private Map<String, Object> probe(int port, Map<String, Object> timing) {
    HealthCheck check = app.traffic().healthCheck();
    Map<String, Object> probe = check != null && check.type() == HealthCheck.Type.HTTP
        ? Fields.of("httpGet", Fields.of("path", check.path(), "port", port))
        : Fields.of("tcpSocket", Fields.of("port", port));
    probe.putAll(timing);
    return probe;
  }

  private List<Map<String, Object>> initContainers() {
    List<Map<String, Object>> waits = new ArrayList<>();
    for (Dependency dependency : app.dependsOn()) {
      AppSpec target = apps.app(dependency.app());
      if (target == null || target.port() == null || CronFields.isOneShot(target)) {
        losses.add("depends_on." + dependency.app(), "not awaited: " + dependency.app()
            + " has no Service to wait for (no port), so the pods start in any order");
        continue;
      }
      String service = apps.nameOf(dependency.app());
      waits.add(Fields.of("name", KubernetesNames.of("wait-for-" + service), "image", image,
          "command", List.of("sh", "-c", WAIT_FOR_PORT.formatted(service, target.port()))));
    }
    return waits;
  }

  /** Whole seconds, rounded up: Kubernetes counts in seconds, and rounding down could cut a grace period short. */
  static int seconds(long millis) {
    return (int) Math.ceilDiv(millis, 1000);
  }

  /** A memory quantity in the largest binary unit that divides it ({@code 256Mi}), else bytes. */
  static String quantity(long bytes) {
    String[] units = {"Gi", "Mi", "Ki"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (units.length - i));
      if (bytes % unit == 0) return bytes / unit + units[i];
    }
    return Long.toString(bytes);
  }
}
