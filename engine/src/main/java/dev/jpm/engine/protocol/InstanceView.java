package dev.jpm.engine.protocol;

/**
 * One row of {@code jpm ls}, and the stable shape of {@code ls --json}.
 *
 * @param name app name
 * @param id instance id, {@code name#instance}
 * @param instance instance index
 * @param namespace app namespace
 * @param mode fork or cluster
 * @param pid pid, 0 when not running
 * @param status PM2's word for the state
 * @param restarts restarts so far
 * @param unstableRestarts consecutive unstable runs
 * @param uptimeMs uptime of the current run
 * @param lastExitCode exit code of the last run, or null
 * @param lastSignal signal that ended the last run, or null
 * @param reason why the instance is in its state, or null
 * @param outLog stdout file, or null
 * @param errLog stderr file, or null
 * @param source ecosystem file the app came from, or null
 * @param cpuPercent CPU of the instance's whole process tree at the last sample (100 = one core), or null when
 *     not sampled (not running, or started since)
 * @param memoryBytes resident memory of the whole tree at the last sample, or null when not sampled
 * @param readiness whether the running process may take traffic ({@code starting}, {@code ready}, {@code
 *     unhealthy}, {@code not ready}), or null when it does not run
 * @param connections open connections through the app's front port to this instance (cluster mode), else 0
 * @param logLines lines the instance's logs received since the daemon started
 * @param logBytes bytes the instance's logs received since the daemon started
 * @param logDropped lines lost because a log file could not be written (disk full, permission)
 * @param pmId PM2's {@code pm_id}: the instance's number, unique in the table and kept across its restarts
 * @param startedAtMs when the current run started (epoch ms; PM2's {@code pm_uptime}), 0 when not running
 */
public record InstanceView(
    String name,
    String id,
    int instance,
    String namespace,
    String mode,
    long pid,
    String status,
    int restarts,
    int unstableRestarts,
    long uptimeMs,
    Integer lastExitCode,
    String lastSignal,
    String reason,
    String outLog,
    String errLog,
    String source,
    Double cpuPercent,
    Long memoryBytes,
    String readiness,
    int connections,
    long logLines,
    long logBytes,
    long logDropped,
    int pmId,
    long startedAtMs) {}
