package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.RestartEvent;
import dev.jpm.engine.model.RestartPolicy;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RestartHistoryIT {

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();

  @Test
  void eachRestartIsKeptWithItsCauseAndTheExitOfTheRunItReplaced() {
    InstanceId id = new InstanceId("exits", 0);
    // Exits 3 after a second, three times at most; then a restart with a cause from outside.
    fixture.run(TestApps.fixture("exits", "exit-code.sh", "3", "1")
        .restart(new RestartPolicy(true, 2, 100, 0, 0, Set.of())).build());
    fixture.awaitRecord(id, r -> r.restarts() >= 1 && r.status() == ProcessStatus.ONLINE);

    fixture.supervisor.restart(id, "memory limit 1 MiB exceeded (rss 3 MiB)");

    var history = fixture.supervisor.restartHistory(id);
    assertThat(history.getFirst()).extracting(RestartEvent::cause, RestartEvent::exitCode)
        .containsExactly("exited with exit code 3", 3);
    assertThat(history.getLast().cause()).isEqualTo("memory limit 1 MiB exceeded (rss 3 MiB)");
    assertThat(history.getLast().signal()).as("stopped by jpm's stop signal").isNotNull();
  }

  @Test
  void theHistoryIsBounded() {
    InstanceId id = new InstanceId("sleeper", 0);
    fixture.run(TestApps.fixture("sleeper", "sleep.sh").build());

    for (int i = 0; i < ManagedProcess.HISTORY + 2; i++) fixture.supervisor.restart(id, "restart " + i);

    var history = fixture.supervisor.restartHistory(id);
    assertThat(history).hasSize(ManagedProcess.HISTORY);
    assertThat(history.getLast().cause()).isEqualTo("restart " + (ManagedProcess.HISTORY + 1));
    assertThat(fixture.supervisor.restartHistory(new InstanceId("gone", 0))).isEmpty();
  }
}
