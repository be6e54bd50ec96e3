package dev.jpm.engine.schedule;

import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.SupervisorFixture;
import dev.jpm.engine.supervise.TestApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default interval (1 s), where a poll that finds changes asks for an early extra poll: a burst longer than
 * that settle time must still mean one restart.
 */
class WatchSettleIT {

  private static final InstanceId APP = new InstanceId("settled", 0);

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();
  @TempDir Path project;
  private Schedules schedules;

  @AfterEach
  void tearDown() {
    if (schedules != null) schedules.close();
  }

  @Test
  void aBurstLongerThanTheSettleTimeMeansOneRestart() throws IOException {
    schedules = new Schedules(new Reconciler(fixture.supervisor), fixture.home, Schedules.DEFAULT_WATCH_INTERVAL,
        Clock.systemUTC());
    fixture.supervisor.onChange(schedules::sync);
    fixture.run(TestApps.fixture("settled", "sleep.sh", "1000.61").cwd(project.toString())
        .watch(List.of(project.toString()), List.of(), 0).build());
    await().atMost(SupervisorFixture.PATIENCE).until(() -> schedules.watchState("settled")
        .map(state -> state.startsWith("watching")).orElse(false));

    // Writes every 50 ms for 1.5 s: each early poll (SETTLE after a change) finds more, until the writes stop.
    for (int i = 0; i < 30; i++) {
      Files.writeString(project.resolve("gen" + i + ".txt"), "x");
      pace(50);
    }

    fixture.awaitRecord(APP, r -> r.restarts() >= 1 && r.status() == ProcessStatus.ONLINE);
    Duration quiet = Duration.ofMillis(2500);
    await().during(quiet).atMost(quiet.plusSeconds(10)).until(() -> fixture.record(APP).restarts() == 1);
  }

  /** Paces the writes of a burst; not a wait for a condition. */
  private static void pace(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
