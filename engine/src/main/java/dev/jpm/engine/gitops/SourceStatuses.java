package dev.jpm.engine.gitops;

import dev.jpm.engine.git.SourceClone;
import dev.jpm.engine.protocol.GitOpsStatus;

/** The transitions of a source's status (pure): what a poll, an attempt or a failure leaves behind. */
final class SourceStatuses {

  static final String SYNCED = "Synced";
  static final String OUT_OF_SYNC = "OutOfSync";
  static final String UNKNOWN = "Unknown";
  static final String HEALTHY = "Healthy";
  static final String DEGRADED = "Degraded";

  private SourceStatuses() {}

  /** The remote is at the last applied revision (again: a reverted bad commit heals the source). */
  static GitOpsStatus inSync(GitOpsStatus status, long nowMs) {
    return new GitOpsStatus(status.lastApplied(), status.lastApplied(), SYNCED, HEALTHY,
        "at " + SourceClone.abbrev(status.lastApplied()), nowMs);
  }

  /** The head was attempted already: only the check time moves. */
  static GitOpsStatus checked(GitOpsStatus status, long nowMs) {
    return new GitOpsStatus(status.lastApplied(), status.lastAttempted(), status.sync(), status.health(),
        status.message(), nowMs);
  }

  static GitOpsStatus applied(String revision, long nowMs) {
    return new GitOpsStatus(revision, revision, SYNCED, HEALTHY, "applied " + SourceClone.abbrev(revision), nowMs);
  }

  /** The attempt at {@code revision} failed; the apps stay on (or went back to) the last applied revision. */
  static GitOpsStatus failed(GitOpsStatus status, String revision, String reason, long nowMs) {
    return new GitOpsStatus(status.lastApplied(), revision, OUT_OF_SYNC, DEGRADED, reason, nowMs);
  }

  /** The remote could not be read: the revisions stand, the sync state is unknown until it can. */
  static GitOpsStatus unreachable(GitOpsStatus status, String reason, long nowMs) {
    return new GitOpsStatus(status.lastApplied(), status.lastAttempted(), UNKNOWN, status.health(), reason, nowMs);
  }
}
