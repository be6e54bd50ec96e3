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
  /** The first delay of a crash loop when the policy sets none, doubled per consecutive unstable run. */
  static final long CRASH_LOOP_FIRST_DELAY_MS = 100;
  /** ... up to this: a loop of 16 takes about 20 s to end errored, not the one second of back-to-back restarts. */
  static final long CRASH_LOOP_CAP_MS = 2_000;

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
    long delay = policy.restartDelayMs() > 0 ? policy.restartDelayMs() : crashLoopDelay(unstableRuns);
    return new Restart(delay, unstableRuns, 0);
  }

  /**
   * Without restart_delay or exp_backoff_restart_delay: a first crash restarts at once (as PM2 does), a crash loop
   * slows down (100 ms, 200 ms, ... up to 2 s), as systemd's RestartSec and supervisord's back-off do, so a late
   * loop neither spins the machine nor reaches errored before a flapping dependency had a chance to come back.
   */
  static long crashLoopDelay(int unstableRuns) {
    if (unstableRuns < 2) return 0;
    return Math.min(CRASH_LOOP_CAP_MS, CRASH_LOOP_FIRST_DELAY_MS << Math.min(unstableRuns - 2, 20));
  }

  /** PM2's sequence: initial, then ×1.5 (floored) per consecutive restart, capped at 15 s; reset after 30 s up. */
  static long nextBackoff(long initialMs, long previousMs, long uptimeMs) {
    if (previousMs <= 0 || uptimeMs >= BACKOFF_RESET_UPTIME_MS) return Math.min(initialMs, BACKOFF_CAP_MS);
    return (long) Math.floor(Math.min(BACKOFF_CAP_MS, previousMs * 1.5));
  }
}
