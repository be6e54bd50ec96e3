package dev.jpm.engine.model;

import java.util.Set;

/**
 * When an exited instance is started again, with PM2's defaults and meaning.
 *
 * @param autorestart restart when the process exits on its own
 * @param maxRestarts consecutive unstable runs tolerated before the instance is errored
 * @param minUptimeMs a run shorter than this is unstable
 * @param restartDelayMs fixed delay before an automatic restart
 * @param expBackoffInitialMs first delay of exponential back-off (x1.5, capped at 15 s); 0 = off
 * @param stopExitCodes exit codes that mean "done": no restart
 */
public record RestartPolicy(
    boolean autorestart,
    int maxRestarts,
    long minUptimeMs,
    long restartDelayMs,
    long expBackoffInitialMs,
    Set<Integer> stopExitCodes) {

  public static final RestartPolicy PM2_DEFAULTS = new RestartPolicy(true, 16, 1000, 0, 0, Set.of());

  public RestartPolicy {
    if (maxRestarts < 0) throw new IllegalArgumentException("maxRestarts must be >= 0, got " + maxRestarts);
    if (minUptimeMs < 0) throw new IllegalArgumentException("minUptimeMs must be >= 0, got " + minUptimeMs);
    if (restartDelayMs < 0) throw new IllegalArgumentException("restartDelayMs must be >= 0, got " + restartDelayMs);
    if (expBackoffInitialMs < 0)
      throw new IllegalArgumentException("expBackoffInitialMs must be >= 0, got " + expBackoffInitialMs);
    stopExitCodes = Set.copyOf(stopExitCodes);
  }
}
