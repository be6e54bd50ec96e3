package dev.jpm.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.supervise.SupervisorFixture;
import dev.jpm.engine.supervise.TestApps;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Restarts that do not come from the file, through the reconciler, against real processes. */
class RestartRequestIT {

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();

  private static final InstanceId FIRST = new InstanceId("idle", 0);
  private static final InstanceId SECOND = new InstanceId("idle", 1);

  private final List<String> progress = new CopyOnWriteArrayList<>();

  private Reconciler startTwo() {
    AppSpec idle = TestApps.fixture("idle", "sleep.sh", "1000.31").instances(2).build();
    fixture.supervisor.register(idle);
    fixture.supervisor.start(FIRST);
    fixture.supervisor.start(SECOND);
    return new Reconciler(fixture.supervisor);
  }

  @Test
  void aRequestedRestartReplacesEveryInstanceOneAtATimeAndSaysWhy() {
    Reconciler reconciler = startTwo();
    long firstPid = fixture.record(FIRST).pid();
    long secondPid = fixture.record(SECOND).pid();

    Reconciler.Outcome outcome = reconciler.restart("idle", "cron * * * * *", progress::add);

    assertThat(outcome.converged()).isTrue();
    assertThat(outcome.plan().lines()).containsExactly(
        "~ restart idle#0 (cron * * * * *) [rolling: capacity −1]", "~ restart idle#1 (cron * * * * *) [rolling: capacity −1]");
    for (InstanceId id : List.of(FIRST, SECOND)) {
      ProcessRecord now = fixture.record(id);
      assertThat(now.status()).isEqualTo(ProcessStatus.ONLINE);
      assertThat(now.restarts()).isEqualTo(1);
      assertThat(now.restartRequest()).as("honoured requests are cleared").isNull();
    }
    assertThat(fixture.record(FIRST).pid()).isNotEqualTo(firstPid);
    assertThat(fixture.record(SECOND).pid()).isNotEqualTo(secondPid);
    assertThat(SupervisorFixture.running(firstPid)).isFalse();
    assertThat(SupervisorFixture.running(secondPid)).isFalse();
    // One at a time: the second instance is restarted only after the first one's replacement is reported.
    assertThat(progress.stream().filter(line -> line.startsWith("restarted")).toList())
        .containsExactly("restarted idle#0 (pid " + fixture.record(FIRST).pid() + ")",
            "restarted idle#1 (pid " + fixture.record(SECOND).pid() + ")");
  }

  @Test
  void anInstanceRequestLeavesItsSiblingsAloneEvenAStoppedOne() {
    Reconciler reconciler = startTwo();
    fixture.supervisor.stop(FIRST);
    long secondPid = fixture.record(SECOND).pid();

    Reconciler.Outcome outcome = reconciler.restartInstance(SECOND, "memory limit exceeded", progress::add);

    assertThat(outcome.plan().lines()).containsExactly("~ restart idle#1 (memory limit exceeded) [rolling: capacity −1]");
    assertThat(fixture.record(SECOND).pid()).isNotEqualTo(secondPid);
    assertThat(fixture.record(SECOND).status()).isEqualTo(ProcessStatus.ONLINE);
    assertThat(fixture.record(FIRST).status()).isEqualTo(ProcessStatus.STOPPED);
  }

  @Test
  void aRequestStartsAStoppedApp() {
    Reconciler reconciler = startTwo();
    fixture.supervisor.stop(FIRST);
    fixture.supervisor.stop(SECOND);

    Reconciler.Outcome outcome = reconciler.restart("idle", "cron 0 * * * *", progress::add);

    assertThat(outcome.converged()).isTrue();
    assertThat(outcome.plan().lines())
        .containsExactly("+ start idle#0 (stopped; cron 0 * * * *)", "+ start idle#1 (stopped; cron 0 * * * *)");
    assertThat(fixture.record(FIRST).status()).isEqualTo(ProcessStatus.ONLINE);
    assertThat(fixture.record(SECOND).status()).isEqualTo(ProcessStatus.ONLINE);
  }

  @Test
  void theRolloutIsVisibleWhileItRunsAndNotAfter() {
    Reconciler reconciler = startTwo();
    List<Boolean> seenDuring = new CopyOnWriteArrayList<>();

    reconciler.restart("idle", "watch: a.txt changed", line -> seenDuring.add(reconciler.rolloutInProgress("idle")));

    assertThat(seenDuring).isNotEmpty().containsOnly(true);
    assertThat(reconciler.rolloutInProgress("idle")).isFalse();
  }

  @Test
  void aRequestForAnUnknownAppIsRefusedAndChangesNothing() {
    Reconciler reconciler = startTwo();
    long firstPid = fixture.record(FIRST).pid();

    assertThatThrownBy(() -> reconciler.restart("nosuch", "cron", progress::add))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nosuch");
    assertThat(fixture.record(FIRST).pid()).isEqualTo(firstPid);
    assertThat(fixture.record(FIRST).restartRequest()).isNull();
  }
}
