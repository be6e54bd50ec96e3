package dev.jpm.engine.gitops;

import dev.jpm.engine.git.SourceClone;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.protocol.GitOpsStatus;
import dev.jpm.engine.reconcile.Reconciler;
import java.util.List;

/**
 * Health as Argo CD means it: of the apps now, not only at the last sync. A source whose last sync was healthy is
 * shown Degraded while one of its apps is errored or crash-looping (pure; never persisted).
 */
final class LiveHealth {

  private LiveHealth() {}

  static GitOpsStatus of(GitOpsStatus status, String sourceFile, ObservedState observed) {
    if (!SourceStatuses.HEALTHY.equals(status.health())) return status;
    List<String> failing = observed.apps().values().stream()
        .filter(app -> sourceFile.equals(app.applied().source()))
        .map(ObservedApp::instances).flatMap(List::stream)
        .filter(record -> record.status() == ProcessStatus.ERRORED
            || record.status() == ProcessStatus.WAITING_RESTART)
        .map(Reconciler::describeFailure).toList();
    if (failing.isEmpty()) return status;
    return new GitOpsStatus(status.lastApplied(), status.lastAttempted(), status.sync(), SourceStatuses.DEGRADED,
        "since " + SourceClone.abbrev(status.lastApplied()) + " was applied: " + String.join("; ", failing),
        status.checkedAtMs());
  }
}
