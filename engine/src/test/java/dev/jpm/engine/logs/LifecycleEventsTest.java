package dev.jpm.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import org.junit.jupiter.api.Test;

class LifecycleEventsTest {

  private static ProcessRecord record(ProcessStatus status, long pid, int restarts, Integer code, String signal,
      String reason) {
    return new ProcessRecord(new InstanceId("api", 0), status, pid, 0, null, 0, restarts, 0, code, signal, reason, null,
        0);
  }

  @Test
  void namesWhatHappened() {
    assertThat(LifecycleEvents.describe(ProcessStatus.LAUNCHING, record(ProcessStatus.ONLINE, 42, 0, null, null, null)))
        .isEqualTo("started, pid 42");
    assertThat(LifecycleEvents.describe(ProcessStatus.ONLINE, record(ProcessStatus.LAUNCHING, 0, 1, 3, null, null)))
        .isEqualTo("exited with code 3; restarting");
    assertThat(LifecycleEvents.describe(ProcessStatus.LAUNCHING, record(ProcessStatus.ONLINE, 43, 1, 3, null, null)))
        .isEqualTo("restarted, pid 43");
    assertThat(LifecycleEvents.describe(ProcessStatus.ONLINE, record(ProcessStatus.STOPPED, 0, 0, null, "KILL", null)))
        .isEqualTo("exited with signal SIGKILL");
    assertThat(LifecycleEvents.describe(ProcessStatus.ONLINE,
        record(ProcessStatus.ERRORED, 0, 3, 1, null, "crashed 3 times in a row"))).isEqualTo("errored: crashed 3 times in a row");
    assertThat(LifecycleEvents.describe(ProcessStatus.STOPPING, record(ProcessStatus.STOPPED, 0, 0, 0, null, null)))
        .isEqualTo("stopped");
    assertThat(LifecycleEvents.describe(null, record(ProcessStatus.STOPPED, 0, 0, null, null, null))).isNull();
  }

  @Test
  void publishesOnTheBus() throws InterruptedException {
    LogBus bus = new LogBus(java.time.Clock.systemUTC());
    try (LogBus.Subscription events = bus.subscribe(new LogBus.Filter("api", null, false, false))) {
      new LifecycleEvents(bus).transitioned(record(ProcessStatus.ONLINE, 7, 0, null, null, null));

      assertThat(events.poll(1000, 10)).singleElement()
          .satisfies(line -> assertThat(line.stream()).isEqualTo(LogLine.Stream.EVENT))
          .satisfies(line -> assertThat(line.text()).isEqualTo("started, pid 7"));
    }
  }
}
