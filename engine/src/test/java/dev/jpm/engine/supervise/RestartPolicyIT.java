package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.os.Signals;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RestartPolicyIT {

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();

  @Test
  void consecutiveUnstableRunsEndErroredAfterMaxRestartsUntilAUserActs() {
    var id = new InstanceId("crasher", 0);
    fixture.run(TestApps.fixture("crasher", "crash-fast.sh").build()); // min_uptime 300 ms, max_restarts 3

    ProcessRecord errored = fixture.awaitStatus(id, ProcessStatus.ERRORED);

    assertThat(errored.restarts()).isEqualTo(2);
    assertThat(errored.unstableRestarts()).isEqualTo(3);
    assertThat(errored.lastExitCode()).isEqualTo(1);
    assertThat(errored.pid()).isZero();
    assertThat(errored.reason()).isEqualTo("crashed 3 times in a row within min_uptime (last exit code 1)");
    assertThat(fixture.supervisor.awaitSettled(id, Duration.ofSeconds(5)).status()).isEqualTo(ProcessStatus.ERRORED);

    ProcessRecord again = fixture.supervisor.start(id);
    assertThat(again.status()).isEqualTo(ProcessStatus.ONLINE);
    assertThat(again.unstableRestarts()).isZero();
    assertThat(again.reason()).isNull();
  }

  @Test
  void aStableRunResetsTheUnstableCount() {
    var id = new InstanceId("slow-crasher", 0);
    fixture.run(TestApps.fixture("slow-crasher", "exit-code.sh", "1", "0.4").build());

    ProcessRecord record = fixture.awaitRecord(id, r -> r.restarts() >= 4);

    assertThat(record.status()).isNotEqualTo(ProcessStatus.ERRORED);
    assertThat(record.unstableRestarts()).isZero();
    assertThat(record.lastExitCode()).isEqualTo(1);
  }

  @Test
  void aStopExitCodeMeansDone() {
    var id = new InstanceId("oneshot", 0);
    var policy = new RestartPolicy(true, 3, 300, 0, 0, Set.of(0, 7));
    fixture.run(TestApps.fixture("oneshot", "exit-code.sh", "7").restart(policy).build());

    ProcessRecord stopped = fixture.awaitStatus(id, ProcessStatus.STOPPED);

    assertThat(stopped.restarts()).isZero();
    assertThat(stopped.lastExitCode()).isEqualTo(7);
    assertThat(stopped.reason()).isEqualTo("exited with exit code 7, a stop exit code");
  }

  @Test
  void restartDelayShowsWaitingRestartThenRestartsAndStopCancelsIt() {
    var id = new InstanceId("delayed", 0);
    var policy = new RestartPolicy(true, 100, 300, 400, 0, Set.of());
    fixture.run(TestApps.fixture("delayed", "crash-fast.sh").restart(policy).build());

    ProcessRecord waiting = fixture.awaitStatus(id, ProcessStatus.WAITING_RESTART);
    assertThat(waiting.reason()).contains("restarting in 400 ms");
    fixture.awaitRecord(id, r -> r.restarts() >= 2);

    fixture.awaitStatus(id, ProcessStatus.WAITING_RESTART);
    ProcessRecord stopped = fixture.supervisor.stop(id);
    assertThat(stopped.status()).isEqualTo(ProcessStatus.STOPPED);
    int restarts = stopped.restarts();
    // A cancelled delay never fires: wait past it, the instance stays stopped.
    assertThat(fixture.supervisor.awaitSettled(id, Duration.ofMillis(800)).status()).isEqualTo(ProcessStatus.STOPPED);
    assertThat(fixture.record(id).restarts()).isEqualTo(restarts);
  }

  @Test
  void exponentialBackoffGrowsBetweenConsecutiveCrashes() {
    var id = new InstanceId("backoff", 0);
    // Delays long enough that a poller on a loaded machine cannot miss a waiting window; a min_uptime far above a
    // bash start on a busy machine, so every crash counts as unstable.
    var policy = new RestartPolicy(true, 100, 5000, 0, 300, Set.of());
    fixture.run(TestApps.fixture("backoff", "crash-fast.sh").restart(policy).build());

    fixture.awaitRecord(id, r -> r.status() == ProcessStatus.WAITING_RESTART && r.reason().endsWith("in 300 ms"));
    ProcessRecord second = fixture.awaitRecord(id,
        r -> r.status() == ProcessStatus.WAITING_RESTART && r.reason().endsWith("in 450 ms"));
    assertThat(second.unstableRestarts()).isEqualTo(2);
    assertThat(second.restarts()).isEqualTo(1);
  }

  @Test
  void aSignalDeathIsRecordedByName() {
    var id = new InstanceId("victim", 0);
    var policy = new RestartPolicy(false, 3, 300, 0, 0, Set.of());
    long pid = fixture.run(TestApps.fixture("victim", "sleep.sh", "1000").restart(policy).build()).pid();

    Signals.toProcess(pid, Signals.number("TERM"));

    ProcessRecord stopped = fixture.awaitStatus(id, ProcessStatus.STOPPED);
    assertThat(stopped.lastSignal()).isEqualTo("TERM");
    assertThat(stopped.lastExitCode()).isNull();
  }

  @Test
  void awaitSettledReturnsOnceOnlineForMinUptime() {
    var id = new InstanceId("settling", 0);
    fixture.run(TestApps.fixture("settling", "sleep.sh", "1000").build());

    ProcessRecord settled = fixture.supervisor.awaitSettled(id, Duration.ofSeconds(10));

    assertThat(settled.status()).isEqualTo(ProcessStatus.ONLINE);
    assertThat(System.currentTimeMillis() - settled.startedAtMs()).isGreaterThanOrEqualTo(300);
  }
}
