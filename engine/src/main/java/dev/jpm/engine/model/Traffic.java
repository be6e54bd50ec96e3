package dev.jpm.engine.model;

/**
 * How an app takes traffic and is replaced: readiness (health check, {@code wait_ready}/{@code ready_pattern}),
 * the cluster front port's address and PROXY header, and the rolling reload's pace. Supervision settings: a change
 * is applied in place, never a restart.
 *
 * @param host address the cluster front port binds; null = every interface
 * @param proxyProtocol send a PROXY protocol v1 header to the instance before the client's bytes
 * @param healthCheck the health check, or null for none
 * @param readyPattern a regular expression; when set the instance is ready only once a stdout line matches it
 * @param maxSurge extra instances a rolling reload may run at once (0 = replace in place, capacity -1)
 * @param maxUnavailable instances a rolling reload may take down at once
 * @param drainTimeoutMs how long an instance leaving the rotation may finish its open connections
 * @param reusePort cluster mode without jpm's copy: every instance binds the app's port itself with SO_REUSEPORT
 *     (told by {@code JPM_REUSEPORT=1}) and the kernel spreads connections; no front port, no drain
 * @param waitReady PM2's {@code wait_ready}: a Node app is ready only once it sent {@code process.send('ready')}
 *     (through jpm's preload); for other apps {@code ready_pattern} says it
 * @param socketActivation cluster mode without jpm's copy: the daemon listens on the app's port once and every
 *     instance inherits that socket as fd 3 (systemd's {@code LISTEN_FDS} protocol; a Node app's {@code listen()} of
 *     its port is moved onto it by jpm's preload); the kernel hands each connection to an instance, no drain. The
 *     config mapping decides it once: the file's {@code socket_activation}, else true for a Node cluster app with a
 *     declared port that asks for nothing only the balancer does (decision 0035)
 */
public record Traffic(String host, boolean proxyProtocol, HealthCheck healthCheck, String readyPattern,
    int maxSurge, int maxUnavailable, long drainTimeoutMs, boolean reusePort, boolean waitReady,
    boolean socketActivation) {

  /** PM2-like defaults: one extra instance during a reload, none taken down, ten seconds of drain. */
  public static final Traffic DEFAULTS = new Traffic(null, false, null, null, 1, 0, 10_000, false, false, false);

  public Traffic {
    if (maxSurge < 0) throw new IllegalArgumentException("max_surge must be >= 0, got " + maxSurge);
    if (maxUnavailable < 0) throw new IllegalArgumentException("max_unavailable must be >= 0, got " + maxUnavailable);
    if (maxSurge == 0 && maxUnavailable == 0)
      throw new IllegalArgumentException("max_surge and max_unavailable must not both be 0");
    if (drainTimeoutMs < 0) throw new IllegalArgumentException("drain_timeout must be >= 0, got " + drainTimeoutMs);
    if (reusePort && socketActivation)
      throw new IllegalArgumentException("reuse_port and socket_activation are two ways to share a port: pick one");
  }

  /** Without socket activation. */
  public Traffic(String host, boolean proxyProtocol, HealthCheck healthCheck, String readyPattern, int maxSurge,
      int maxUnavailable, long drainTimeoutMs, boolean reusePort, boolean waitReady) {
    this(host, proxyProtocol, healthCheck, readyPattern, maxSurge, maxUnavailable, drainTimeoutMs, reusePort, waitReady,
        false);
  }

  /** Without {@code wait_ready}. */
  public Traffic(String host, boolean proxyProtocol, HealthCheck healthCheck, String readyPattern, int maxSurge,
      int maxUnavailable, long drainTimeoutMs, boolean reusePort) {
    this(host, proxyProtocol, healthCheck, readyPattern, maxSurge, maxUnavailable, drainTimeoutMs, reusePort, false,
        false);
  }
}
