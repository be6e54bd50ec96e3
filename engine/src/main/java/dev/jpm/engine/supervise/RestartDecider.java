package dev.jpm.engine.supervise;

import dev.jpm.engine.model.RestartPolicy;

/**
 * What happens after a process exits on its own: a pure function of the policy and the facts of the run, with
 * explicit times and no clock. jpm counts <em>consecutive</em> unstable runs (shorter than {@code min_uptime}) at
 * any time and a stable run resets the count, unlike PM2's window since creation, so a crash loop is caught
 * however slowly back-off spreads it out.
 */
final class RestartDecider {

  static final long BACKOFF_CAP_MS = 15_000;
  /** A run this long resets exponential back-off to its initial delay (PM2's EXP_BACKOFF_RESET_TIMER). */
  static final long BACKOFF_RESET_UPTIME_MS = 30_000;

  /**
   * The facts of a run that just ended.
   *
   * @param status how it ended
   * @param startedAtMs when it started
   * @param exitedAtMs when it ended
   * @param unstableRestarts consecutive unstable runs before this one
   * @param previousBackoffMs the back-off delay used before this run, 0 when none
   */
  record Exit(ExitStatus status, long startedAtMs, long exitedAtMs, int unstableRestarts, long previousBackoffMs) {}

  /** The decision, as a value. */
  sealed interface Decision {}

  /** Done for good (autorestart off, or a stop exit code): stopped. */
  record Done(String reason) implements Decision {}

  /** Too many consecutive unstable runs: errored until a user starts it again. */
  record GiveUp(String reason, int unstableRestarts) implements Decision {}

  /** Start again after {@code delayMs}; {@code backoffMs} is the back-off delay to remember (0 when off). */
  record Restart(long delayMs, int unstableRestarts, long backoffMs) implements Decision {}

  private RestartDecider() {}

  static Decision decide(RestartPolicy policy, Exit exit) {
    return decide(policy, exit, false);
  }

  /**
   * @param runOnce the app is a run-once job ({@code autostart: false} with a {@code cron_restart}): each tick runs it
   *     once, and its exit, whatever the code, ends that run; the next tick runs it again
   */
  static Decision decide(RestartPolicy policy, Exit exit, boolean runOnce) {
    String ended = "exited with " + exit.status().describe();
    if (runOnce) return new Done(ended + "; a run-once job, started again by its next cron tick");
    if (!policy.autorestart()) return new Done(ended + "; autorestart is off");
    Integer code = exit.status().code();
    if (code != null && policy.stopExitCodes().contains(code)) return new Done(ended + ", a stop exit code");
    long uptime = exit.exitedAtMs() - exit.startedAtMs();
    boolean unstable = uptime < policy.minUptimeMs();
    int unstableRuns = unstable ? exit.unstableRestarts() + 1 : 0;
    if (unstable && unstableRuns >= policy.maxRestarts()) {
      String reason = "crashed " + unstableRuns + " times in a row within min_uptime (last "
          + exit.status().describe() + ")";
      return new GiveUp(reason, unstableRuns);
    }
    if (policy.expBackoffInitialMs() > 0) {
      long backoff = nextBackoff(policy.expBackoffInitialMs(), exit.previousBackoffMs(), uptime);
      return new Restart(backoff, unstableRuns, backoff);
    }
    return new Restart(policy.restartDelayMs(), unstableRuns, 0);
  }

  /** PM2's sequence: initial, then ×1.5 (floored) per consecutive restart, capped at 15 s; reset after 30 s up. */
  static long nextBackoff(long initialMs, long previousMs, long uptimeMs) {
    if (previousMs <= 0 || uptimeMs >= BACKOFF_RESET_UPTIME_MS) return Math.min(initialMs, BACKOFF_CAP_MS);
    return (long) Math.floor(Math.min(BACKOFF_CAP_MS, previousMs * 1.5));
  }
}
