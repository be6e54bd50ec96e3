package dev.jpm.engine.model;

/**
 * Runtime facts of one instance, owned by the supervisor. Never holds configuration beyond the spec hash the
 * current process was started from.
 *
 * @param id the instance
 * @param status current state
 * @param pid pid of the running process, 0 when none
 * @param pidStartMs start time of that pid (epoch ms) so a recycled pid is never mistaken for ours; 0 when none
 * @param specHash {@link AppSpec#specHash()} of the spec the current or last process was started from
 * @param startedAtMs when the current run started (epoch ms), 0 when not running
 * @param restarts automatic and manual restarts since the instance was created
 * @param unstableRestarts consecutive runs shorter than min_uptime
 * @param lastExitCode exit code of the last run, or null (never exited, or killed by a signal)
 * @param lastSignal signal that ended the last run (e.g. KILL), or null
 * @param reason why the instance is in its state when that is not obvious (errored, stopped by a user...), or null
 * @param restartRequest why the current (or last) process must be replaced although its spec did not change (a
 *     cron, a file change, a new revision, a memory limit), or null; cleared by the next launch
 * @param port the private loopback port the current run was given as {@code PORT} (cluster mode), 0 when none
 * @param pmId PM2's {@code pm_id}: a number for the instance, unique in the table and kept across its restarts and
 *     reloads; null in a table saved before jpm had them (the supervisor numbers those when it restores them)
 */
public record ProcessRecord(
    InstanceId id,
    ProcessStatus status,
    long pid,
    long pidStartMs,
    String specHash,
    long startedAtMs,
    int restarts,
    int unstableRestarts,
    Integer lastExitCode,
    String lastSignal,
    String reason,
    String restartRequest,
    int port,
    Integer pmId) {

  public ProcessRecord {
    java.util.Objects.requireNonNull(id, "id");
    java.util.Objects.requireNonNull(status, "status");
    if (pmId != null && pmId < 0) throw new IllegalArgumentException("pmId must be >= 0, got " + pmId);
  }

  /** A record without a pm_id yet (tests, and tables saved before jpm had them). */
  public ProcessRecord(InstanceId id, ProcessStatus status, long pid, long pidStartMs, String specHash,
      long startedAtMs, int restarts, int unstableRestarts, Integer lastExitCode, String lastSignal, String reason,
      String restartRequest, int port) {
    this(id, status, pid, pidStartMs, specHash, startedAtMs, restarts, unstableRestarts, lastExitCode, lastSignal,
        reason, restartRequest, port, null);
  }

  /** Whether a restart was requested that no launch has honoured yet. */
  public boolean restartRequested() {
    return restartRequest != null;
  }

  /** Milliseconds the current run has been up at {@code nowMs}, 0 when not running. */
  public long uptimeMs(long nowMs) {
    return startedAtMs > 0 && status == ProcessStatus.ONLINE ? Math.max(0, nowMs - startedAtMs) : 0;
  }
}
