package dev.jpm.engine.protocol;

/**
 * Where a GitOps source stands, in Argo CD's and Flux's words.
 *
 * @param lastApplied the last revision whose file was applied and whose apps all came online, or null
 * @param lastAttempted the last revision an apply was attempted for (one attempt per revision), or null
 * @param sync {@code Synced}, {@code OutOfSync} or {@code Unknown} (not polled yet)
 * @param health {@code Healthy}, {@code Degraded}, {@code Progressing} or {@code Unknown}
 * @param message why the source is out of sync or degraded, or what the last attempt did
 * @param checkedAtMs when the remote was last compared, epoch milliseconds (0 = never)
 */
public record GitOpsStatus(String lastApplied, String lastAttempted, String sync, String health, String message,
    long checkedAtMs) {

  public static final GitOpsStatus NEW = new GitOpsStatus(null, null, "Unknown", "Unknown", "not polled yet", 0);
}
