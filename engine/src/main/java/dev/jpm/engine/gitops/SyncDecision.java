package dev.jpm.engine.gitops;

import dev.jpm.engine.protocol.GitOpsStatus;

/** What a poll does with the remote head it saw (pure). One apply attempt per revision, as Argo CD's auto-sync. */
enum SyncDecision {
  /** The head is the last applied revision: nothing to do. */
  IN_SYNC,
  /** The head was attempted and failed: wait for a newer revision (or a manual sync). */
  ALREADY_ATTEMPTED,
  /** A revision not attempted yet, or a manual sync: fetch, validate, apply. */
  ATTEMPT;

  static SyncDecision decide(GitOpsStatus status, String remoteHead, boolean manual) {
    if (manual) return ATTEMPT;
    if (remoteHead.equals(status.lastApplied())) return IN_SYNC;
    if (remoteHead.equals(status.lastAttempted())) return ALREADY_ATTEMPTED;
    return ATTEMPT;
  }
}
