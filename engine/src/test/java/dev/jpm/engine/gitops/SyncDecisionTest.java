package dev.jpm.engine.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.GitOpsStatus;
import org.junit.jupiter.api.Test;

/** One apply attempt per revision; a newer revision is attempted even while an older one failed. */
class SyncDecisionTest {

  static final GitOpsStatus FAILED_B = new GitOpsStatus("aaa", "bbb", "OutOfSync", "Degraded", "b failed", 1);

  @Test
  void aNewSourceAttemptsTheHead() {
    assertThat(SyncDecision.decide(GitOpsStatus.NEW, "aaa", false)).isEqualTo(SyncDecision.ATTEMPT);
  }

  @Test
  void theAppliedHeadIsInSync() {
    assertThat(SyncDecision.decide(SourceStatuses.applied("aaa", 1), "aaa", false)).isEqualTo(SyncDecision.IN_SYNC);
  }

  @Test
  void aFailedRevisionIsNotRetriedByPolling() {
    assertThat(SyncDecision.decide(FAILED_B, "bbb", false)).isEqualTo(SyncDecision.ALREADY_ATTEMPTED);
  }

  @Test
  void aNewerRevisionPreemptsTheFailedOne() {
    assertThat(SyncDecision.decide(FAILED_B, "ccc", false)).isEqualTo(SyncDecision.ATTEMPT);
  }

  @Test
  void revertingToTheAppliedRevisionHealsTheSource() {
    assertThat(SyncDecision.decide(FAILED_B, "aaa", false)).isEqualTo(SyncDecision.IN_SYNC);
    GitOpsStatus healed = SourceStatuses.inSync(FAILED_B, 2);
    assertThat(healed.sync()).isEqualTo("Synced");
    assertThat(healed.health()).isEqualTo("Healthy");
    assertThat(healed.lastAttempted()).isEqualTo("aaa");
  }

  @Test
  void aManualSyncAttemptsWhateverTheHead() {
    assertThat(SyncDecision.decide(FAILED_B, "bbb", true)).isEqualTo(SyncDecision.ATTEMPT);
    assertThat(SyncDecision.decide(SourceStatuses.applied("aaa", 1), "aaa", true)).isEqualTo(SyncDecision.ATTEMPT);
  }

  @Test
  void aFailureKeepsTheLastAppliedRevision() {
    GitOpsStatus failed = SourceStatuses.failed(SourceStatuses.applied("aaa", 1), "bbb", "invalid", 2);
    assertThat(failed.lastApplied()).isEqualTo("aaa");
    assertThat(failed.lastAttempted()).isEqualTo("bbb");
    assertThat(failed.sync()).isEqualTo("OutOfSync");
    assertThat(failed.health()).isEqualTo("Degraded");
    assertThat(failed.message()).isEqualTo("invalid");
  }
}
