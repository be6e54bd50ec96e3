package dev.jpm.engine.config;

import dev.jpm.engine.model.HealthCheck;
import dev.jpm.engine.model.Traffic;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps an app's readiness, front-port and rollout keys ({@code host}, {@code proxy_protocol}, {@code health_check},
 * {@code wait_ready}, {@code ready_pattern}, {@code max_surge}, {@code max_unavailable}, {@code drain_timeout},
 * {@code reuse_port}, {@code socket_activation}) to
 * {@link Traffic}, reporting combinations that cannot work.
 */
final class TrafficMapper {

  static final long DEFAULT_INTERVAL_MS = 1000;
  static final long DEFAULT_TIMEOUT_MS = 1000;

  private TrafficMapper() {}

  /** {@code node}: the app runs on Node, whose {@code process.send('ready')} jpm's preload receives. */
  static Traffic map(ObjectNode app, int instances, Integer port, boolean node, AppScope scope) {
    Traffic d = Traffic.DEFAULTS;
    int surge = count(app.path("max_surge"), instances, true, d.maxSurge());
    int unavailable = count(app.path("max_unavailable"), instances, false, d.maxUnavailable());
    if (surge == 0 && unavailable == 0) {
      scope.error(app.has("max_surge") ? "max_surge" : "max_unavailable",
          "max_surge and max_unavailable are both 0: a rolling reload could never replace an instance");
      surge = 1;
    }
    boolean waitReady = app.path("wait_ready").asBoolean(false);
    if (waitReady && !node && !app.has("ready_pattern"))
      scope.warningAtKey("wait_ready", "a non-Node app says it is ready with a stdout line: add ready_pattern "
          + "(e.g. ready_pattern: \"listening on\"); until then readiness is min_uptime and the port");
    // A Node app's port needs no key: jpm's preload learns it from the app's listen().
    if (cluster(app) && port == null && !node)
      scope.warningAtKey("exec_mode", "cluster mode without port: nothing balances the instances, and instances "
          + "that bind one fixed port will collide; have the app listen on the PORT variable and declare port: so "
          + "jpm owns that port and balances over the instances");
    HealthCheck check = app.has("health_check") ? healthCheck(app.get("health_check"), port, scope) : null;
    String host = app.path("host").isString() ? app.get("host").asString() : null;
    String pattern = app.path("ready_pattern").isString() ? app.get("ready_pattern").asString() : null;
    return new Traffic(host, app.path("proxy_protocol").asBoolean(false), check, pattern, surge, unavailable,
        SpecMapper.millis(app, "drain_timeout", d.drainTimeoutMs()), sharing(app, "reuse_port", port, scope),
        waitReady, socketActivation(app, port, node, scope));
  }

  /**
   * Whether the instances inherit one socket on the app's port: as the file says, else by default for a Node cluster
   * app with a declared port (jpm's preload moves its {@code listen()} onto the socket, so the app needs no change)
   * that asks for nothing only the balancer does. Other apps keep the balancer unless they say
   * {@code socket_activation: true}: they must speak systemd's protocol; a Node app without a port has no port to
   * bind before its first {@code listen()}. Decision 0035.
   */
  private static boolean socketActivation(ObjectNode app, Integer port, boolean node, AppScope scope) {
    if (app.has("socket_activation"))
      return sharing(app, "socket_activation", port, scope) && !app.path("reuse_port").asBoolean(false);
    return cluster(app) && node && port != null && !asksForTheBalancer(app);
  }

  /** Whether the app asks for what only the balancer does (or shares its port with {@code reuse_port} instead). */
  private static boolean asksForTheBalancer(ObjectNode app) {
    return app.path("proxy_protocol").asBoolean(false) // the PROXY header is written by the balancer
        || app.path("reuse_port").asBoolean(false)
        || app.has("drain_timeout") // open connections finish before the stop signal: the balancer counts them
        // a health check without a port of its own probes each instance's private port; on the shared socket it
        // would reach any instance, and a replacement would pass on the old ones' answers
        || app.has("health_check") && !app.get("health_check").has("port")
        // PM2's increment_var: PORT gives each instance a port of its own, which the balancer's private ports are
        || "PORT".equals(app.path("increment_var").asString(""));
  }

  private static boolean cluster(ObjectNode app) {
    return app.path("exec_mode").asString("fork").startsWith("cluster");
  }

  /** {@code reuse_port} or {@code socket_activation}: two ways the instances share the app's port without a copy. */
  private static boolean sharing(ObjectNode app, String key, Integer port, AppScope scope) {
    boolean asked = app.path(key).asBoolean(false);
    if (asked && (port == null || !cluster(app)))
      scope.error(key, "needs exec_mode: cluster and a port: the instances share that port");
    if (asked && key.equals("socket_activation") && app.path("reuse_port").asBoolean(false))
      scope.error(key, "reuse_port and socket_activation are two ways to share the port: keep one");
    if (asked && key.equals("socket_activation") && app.path("proxy_protocol").asBoolean(false))
      scope.error(key, "the instances accept from the shared socket themselves, so no PROXY header can reach them: "
          + "drop proxy_protocol, or say socket_activation: false to keep the balancer");
    return asked;
  }

  private static HealthCheck healthCheck(JsonNode check, Integer appPort, AppScope scope) {
    HealthCheck.Type type = HealthCheck.Type.valueOf(check.path("type").asString("tcp").toUpperCase(Locale.ROOT));
    Integer port = check.has("port") ? check.get("port").asInt() : null;
    if (port == null && appPort == null)
      scope.error("health_check", "names no port and the app has none: add health_check.port or the app's port");
    long interval = check.has("interval") ? Durations.parse(check.get("interval")).orElse(DEFAULT_INTERVAL_MS)
        : DEFAULT_INTERVAL_MS;
    long timeout = check.has("timeout") ? Durations.parse(check.get("timeout")).orElse(DEFAULT_TIMEOUT_MS)
        : DEFAULT_TIMEOUT_MS;
    return new HealthCheck(type, check.path("path").asString("/"), port, Math.max(1, interval), Math.max(1, timeout),
        check.path("successes").asInt(1), check.path("retries").asInt(3), check.path("restart_after").asInt(0));
  }

  /** A count or a percentage of {@code instances}: a surge rounds up, an unavailability down (as Kubernetes). */
  private static int count(JsonNode value, int instances, boolean roundUp, int fallback) {
    if (value.isMissingNode()) return fallback;
    if (value.isIntegralNumber()) return value.asInt();
    String text = value.asString();
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    return (int) (roundUp ? Math.ceil(instances * percent / 100.0) : Math.floor(instances * percent / 100.0));
  }
}
