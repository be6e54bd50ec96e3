package dev.jpm.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.CronSchedule;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.supervise.TestApps;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which jobs the table asks for, and which watches are paused: a pure reading of the observed state. */
class ScheduleWantedTest {

  private static final Path HOME = Path.of(System.getProperty("java.io.tmpdir"), "jpm-home");

  private static AppSpec app(String name, String cron, boolean watch) {
    return TestApps.command(name, "sleep", "1").cron(cron).cwd("/srv/" + name).logsIn(Path.of("/srv/" + name), false)
        .watch(watch ? List.of("/srv/" + name) : List.of(), List.of("node_modules"), 0).build();
  }

  private static ProcessRecord instance(String app, ProcessStatus status, String request) {
    return new ProcessRecord(new InstanceId(app, 0), status, 0, 0, "h", 0, 0, 0, null, null, null, request, 0);
  }

  private static ObservedState table(ObservedApp... apps) {
    Map<String, ObservedApp> byName = new LinkedHashMap<>();
    for (ObservedApp app : apps) byName.put(app.applied().name(), app);
    return new ObservedState(byName);
  }

  @Test
  void cronsOfEveryAppEvenStoppedOnesAndWatchesOfThoseThatWatch() {
    ScheduleWanted wanted = ScheduleWanted.of(table(
        new ObservedApp(app("report", "0 3 * * *", false), List.of(instance("report", ProcessStatus.STOPPED, null))),
        new ObservedApp(app("api", null, true), List.of(instance("api", ProcessStatus.ONLINE, null))),
        new ObservedApp(app("plain", null, false), List.of(instance("plain", ProcessStatus.ONLINE, null)))), HOME);

    assertThat(wanted.crons()).isEqualTo(Map.of("report", CronSchedule.parse("0 3 * * *")));
    assertThat(wanted.watches()).containsOnlyKeys("api");
    assertThat(wanted.watches().get("api").ownFiles()).contains(Path.of("/srv/api/api-out-0.log"),
        Path.of("/srv/api/api-error-0.log"), Path.of("/srv/api/api-0.log"));
    assertThat(wanted.paused()).isEmpty();
  }

  @Test
  void aWatchIsPausedOnlyWhenEveryInstanceIsStoppedAndNoneAwaitsARestart() {
    assertThat(pausedWith(instance("api", ProcessStatus.STOPPED, null))).isTrue();
    assertThat(pausedWith(instance("api", ProcessStatus.STOPPED, "watch: a.js changed"))).isFalse();
    assertThat(pausedWith(instance("api", ProcessStatus.ERRORED, null))).as("a fix may bring it back").isFalse();
    assertThat(pausedWith(instance("api", ProcessStatus.STOPPING, null))).as("maybe a restart").isFalse();
    assertThat(pausedWith(instance("api", ProcessStatus.LAUNCHING, null))).isFalse();
  }

  private static boolean pausedWith(ProcessRecord record) {
    return ScheduleWanted.of(table(new ObservedApp(app("api", null, true), List.of(record))), HOME)
        .paused().contains("api");
  }
}
