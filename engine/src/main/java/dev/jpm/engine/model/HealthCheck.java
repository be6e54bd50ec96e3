package dev.jpm.engine.model;

import java.util.Objects;

/**
 * An app's {@code health_check}: how jpm decides an instance can take traffic, and keeps deciding after.
 *
 * @param type HTTP (a GET answered 2xx) or TCP (a connection accepted)
 * @param path the HTTP path, starting with {@code /}; ignored for TCP
 * @param port the port to check, or null for the instance's own port ({@code PORT})
 * @param intervalMs time between checks
 * @param timeoutMs how long one check may take
 * @param successes consecutive passes before an instance counts as ready (again)
 * @param failures consecutive failures, after ready, that take the instance out of rotation ({@code retries})
 * @param restartAfter consecutive failures after which the instance is restarted; 0 = never
 */
public record HealthCheck(Type type, String path, Integer port, long intervalMs, long timeoutMs, int successes,
    int failures, int restartAfter) {

  /** How the check talks to the instance. */
  public enum Type {
    HTTP,
    TCP
  }

  public HealthCheck {
    Objects.requireNonNull(type, "type");
    if (path == null || path.isEmpty()) path = "/";
    if (intervalMs <= 0) throw new IllegalArgumentException("health check interval must be > 0, got " + intervalMs);
    if (timeoutMs <= 0) throw new IllegalArgumentException("health check timeout must be > 0, got " + timeoutMs);
    if (successes < 1) throw new IllegalArgumentException("health check successes must be >= 1, got " + successes);
    if (failures < 1) throw new IllegalArgumentException("health check retries must be >= 1, got " + failures);
    if (restartAfter < 0) throw new IllegalArgumentException("restart_after must be >= 0, got " + restartAfter);
  }
}
