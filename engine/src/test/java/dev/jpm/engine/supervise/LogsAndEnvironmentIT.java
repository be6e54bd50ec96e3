package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.RestartPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LogsAndEnvironmentIT {

  private static final RestartPolicy ONCE = new RestartPolicy(false, 3, 300, 0, 0, Set.of());

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();

  @Test
  void theChildGetsTheBaseTheDeclaredAndTheInjectedVariablesOnly() throws IOException {
    Path logs = fixture.home.resolve("logs");
    var spec = TestApps.fixture("envy", "print-env.sh").instances(2).port(8080)
        .env(Map.of("FOO", "bar", "COUNTER", "10")).incrementVar("COUNTER").logsIn(logs, false).build();
    fixture.supervisor.register(spec);
    fixture.supervisor.start(new InstanceId("envy", 1));

    Path out = logs.resolve("envy-out-1.log");
    await().atMost(SupervisorFixture.PATIENCE).until(() -> Files.exists(out) && Files.readString(out).contains("---"));
    List<String> lines = Files.readAllLines(out);

    assertThat(lines).contains("FOO=bar", "COUNTER=11", "JPM_APP=envy", "NODE_APP_INSTANCE=1", "PORT=8080");
    assertThat(lines).contains("PATH=" + System.getenv("PATH"));
    // bash itself exports PWD, SHLVL and _; anything else of the daemon's environment must stay out.
    Set<String> allowed = Set.of("PATH", "HOME", "USER", "LANG", "TZ", "PWD", "SHLVL", "_", "OLDPWD");
    List<String> leaked = System.getenv().keySet().stream().filter(k -> !allowed.contains(k))
        .filter(k -> lines.stream().anyMatch(l -> l.startsWith(k + "="))).toList();
    assertThat(System.getenv().keySet()).as("the test JVM has variables that must not leak")
        .anyMatch(k -> !allowed.contains(k));
    assertThat(leaked).isEmpty();
  }

  @Test
  void perInstanceFilesAndACombinedFileAppendAcrossRestarts() throws IOException {
    Path logs = fixture.home.resolve("deep/logs");
    var id = new InstanceId("talker", 0);
    var spec = TestApps.fixture("talker", "exit-code.sh", "0").restart(ONCE).logsIn(logs, false).build();
    fixture.run(spec);
    fixture.awaitStatus(id, ProcessStatus.STOPPED);
    fixture.supervisor.start(id);
    fixture.awaitStatus(id, ProcessStatus.STOPPED);

    assertThat(logs.resolve("talker-out-0.log")).content().isEqualTo("exiting with 0 after 0s\n".repeat(2));
    assertThat(Files.readString(logs.resolve("talker-0.log"))).contains("exiting with 0 after 0s");
    assertThat(logs.resolve("talker-error-0.log")).exists();
    assertThat(logs.resolve("talker-0.pid")).doesNotExist();
  }

  @Test
  void bothStreamsReachTheCombinedFileAndMergedNamesHaveNoIndex() throws IOException {
    Path logs = fixture.home.resolve("logs");
    var id = new InstanceId("loud", 0);
    fixture.run(TestApps.fixture("loud", "crash-fast.sh").restart(ONCE).logsIn(logs, true).build());
    fixture.awaitStatus(id, ProcessStatus.STOPPED);

    assertThat(logs.resolve("loud-error.log")).content().isEqualTo("crashing\n");
    assertThat(logs.resolve("loud.log")).content().isEqualTo("crashing\n");
    assertThat(logs.resolve("loud-out.log")).content().isEmpty();
  }

  @Test
  void aPidFileExistsWhileTheProcessRuns() throws IOException {
    Path logs = fixture.home.resolve("logs");
    ProcessRecord online = fixture.run(TestApps.fixture("pidful", "sleep.sh", "1000").logsIn(logs, true).build());
    assertThat(logs.resolve("pidful-0.pid")).content().isEqualTo(online.pid() + "\n");
  }

  @Test
  void aHundredThousandLinesArriveCompleteAndInOrder() throws IOException {
    Path logs = fixture.home.resolve("logs");
    var id = new InstanceId("spew", 0);
    fixture.run(TestApps.fixture("spew", "spew.sh", "100000").restart(ONCE).logsIn(logs, false).build());
    fixture.awaitStatus(id, ProcessStatus.STOPPED);

    List<String> lines = Files.readAllLines(logs.resolve("spew-out-0.log"));
    assertThat(lines).hasSize(100_001);
    assertThat(lines.subList(0, 100_000))
        .isEqualTo(IntStream.rangeClosed(1, 100_000).mapToObj(Integer::toString).toList());
    assertThat(lines.getLast()).isEqualTo("partial-last-line");
  }
}
