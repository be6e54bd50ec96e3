package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a new daemon does with each run the dead one recorded: only an online instance that still runs is adopted. */
class TakeoverTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // index, status, pid, surge, instances, runs -> decision
        Arguments.of(0, ProcessStatus.ONLINE, 100, false, 2, true, "Adopt"),
        Arguments.of(0, ProcessStatus.ONLINE, 100, false, 2, false,
            "Gone: pid 100 is gone or now runs another process (start time differs)"),
        Arguments.of(0, ProcessStatus.ONLINE, 100, true, 2, true,
            "Stop: pid 100 was the replacement of a rollout the dead daemon was doing"),
        Arguments.of(0, ProcessStatus.LAUNCHING, 100, false, 2, true, "Stop: pid 100 was launching, not online"),
        Arguments.of(1, ProcessStatus.STOPPING, 100, false, 2, true, "Stop: pid 100 was stopping, not online"),
        Arguments.of(2, ProcessStatus.ONLINE, 100, false, 2, true,
            "Stop: ka#2 is beyond the app's 2 instances: the dead daemon was scaling down"),
        Arguments.of(2, ProcessStatus.STOPPED, 0, false, 2, false,
            "Gone: ka#2 is beyond the app's 2 instances: the dead daemon was scaling down"),
        Arguments.of(0, ProcessStatus.STOPPED, 0, false, 2, false, "Gone: null"),
        Arguments.of(0, ProcessStatus.ERRORED, 0, false, 2, false, "Gone: null"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void decides(int index, ProcessStatus status, long pid, boolean surge, int instances, boolean runs,
      String expected) {
    var record = new ProcessRecord(new InstanceId("ka", index), status, pid, pid > 0 ? 5 : 0, "h", 0, 0, 0, null,
        null, null, null, 0);

    assertThat(render(Takeover.decide(record, surge, instances, runs))).isEqualTo(expected);
  }

  private static String render(Takeover takeover) {
    return switch (takeover) {
      case Takeover.Adopt adopt -> "Adopt";
      case Takeover.Stop stop -> "Stop: " + stop.why();
      case Takeover.Gone gone -> "Gone: " + gone.why();
    };
  }
}
