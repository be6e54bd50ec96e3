package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.RestartPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The supervisor on the one event loop: output volume, exits, and no thread per child. */
class EventLoopSupervisionIT {

  private static final RestartPolicy ONCE = new RestartPolicy(false, 3, 300, 0, 0, Set.of());

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();

  @Test
  void aMillionNumberedLinesArriveCompleteAndInOrderWithStderrBeside() throws IOException {
    Path logs = fixture.home.resolve("logs");
    var id = new InstanceId("million", 0);
    fixture.run(TestApps.fixture("million", "spew.sh", "1000000").restart(ONCE).logsIn(logs, false).build());
    ProcessRecord ended = fixture.awaitStatus(id, ProcessStatus.STOPPED);

    assertThat(ended.lastExitCode()).isZero();
    long expected = 1;
    try (BufferedReader out = Files.newBufferedReader(logs.resolve("million-out-0.log"))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("partial-last-line")) {
        if (!line.equals(Long.toString(expected))) {
          throw new AssertionError("line " + expected + " is '" + line + "'");
        }
        expected++;
      }
      assertThat(line).isEqualTo("partial-last-line");
      assertThat(out.readLine()).isNull();
    }
    assertThat(expected - 1).isEqualTo(1_000_000);
    assertThat(logs.resolve("million-error-0.log")).content().isEqualTo("spewed 1000000 lines\n");
  }

  @Test
  void fiftyChildrenAddNoThreads() {
    var app = TestApps.fixture("many", "sleep.sh", "1000").instances(50).logsIn(fixture.home.resolve("logs"), false);
    fixture.supervisor.register(app.build());
    fixture.supervisor.start(new InstanceId("many", 0)); // the loop and the supervisor's threads exist from here
    int before = ManagementFactory.getThreadMXBean().getThreadCount();

    for (int index = 1; index < 50; index++) {
      assertThat(fixture.supervisor.start(new InstanceId("many", index)).status()).isEqualTo(ProcessStatus.ONLINE);
    }
    int after = ManagementFactory.getThreadMXBean().getThreadCount();

    // Before the event loop: three threads per child (two log pumps and a JDK process reaper), 147 here.
    assertThat(after - before).as("threads added by 49 more children").isLessThanOrEqualTo(3);
  }

  @Test
  void anExitCodeAbove128IsACodeNotASignal() {
    var id = new InstanceId("coded", 0);
    fixture.run(TestApps.fixture("coded", "exit-code.sh", "130").restart(ONCE).build());
    ProcessRecord ended = fixture.awaitStatus(id, ProcessStatus.STOPPED);

    assertThat(ended.lastExitCode()).isEqualTo(130);
    assertThat(ended.lastSignal()).isNull();
  }
}
