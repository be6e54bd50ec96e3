package dev.jpm.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.SupervisorFixture;
import dev.jpm.engine.supervise.TestApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Watch polling with real file changes in a temporary folder and a real child. */
class WatchIT {

  private static final Duration INTERVAL = Duration.ofMillis(100);
  /** Long enough for several polls and a restart that should not happen. */
  private static final Duration QUIET = Duration.ofMillis(1500);
  private static final InstanceId APP = new InstanceId("watched", 0);

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();
  @TempDir Path project;
  private Schedules schedules;

  @BeforeEach
  void setUp() throws IOException {
    schedules = new Schedules(new Reconciler(fixture.supervisor), fixture.home, INTERVAL, Clock.systemUTC());
    fixture.supervisor.onChange(schedules::sync);
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/server.js"), "v1");
    // The app logs into the watched folder: its own lines must never count as a change.
    fixture.run(TestApps.fixture("watched", "sleep.sh", "1000.51").cwd(project.toString())
        .logsIn(project, false).watch(List.of(project.toString()), List.of("node_modules", ".*"), 0).build());
    awaitPolling();
  }

  @AfterEach
  void tearDown() {
    schedules.close();
  }

  @Test
  void oneChangeMeansOneRestart() throws IOException {
    long pid = fixture.record(APP).pid();
    Files.writeString(project.resolve("src/server.js"), "v2");

    fixture.awaitRecord(APP, r -> r.restarts() == 1 && r.status() == ProcessStatus.ONLINE);
    assertThat(fixture.record(APP).pid()).isNotEqualTo(pid);
    assertRestartsStay(1);
  }

  @Test
  void aBurstOverSeveralPollsMeansOneRestart() throws IOException {
    for (int i = 0; i < 30; i++) {
      Files.writeString(project.resolve("src/file" + i + ".js"), "x" + i);
      sleepAWhile(10); // the burst spans about three polls
    }

    fixture.awaitRecord(APP, r -> r.restarts() >= 1 && r.status() == ProcessStatus.ONLINE);
    assertRestartsStay(1);
  }

  @Test
  void ignoredPathsCauseNoRestart() throws IOException {
    Files.createDirectories(project.resolve("node_modules/lib"));
    Files.writeString(project.resolve("node_modules/lib/index.js"), "x");
    Files.writeString(project.resolve(".env"), "A=1");
    Files.writeString(project.resolve("watched-out-0.log"), "appended by someone", StandardOpenOption.APPEND);

    assertRestartsStay(0);
  }

  @Test
  void stoppingPausesTheWatchAndStartingResumesIt() throws IOException {
    fixture.supervisor.stop(APP);
    await().atMost(SupervisorFixture.PATIENCE).until(() -> schedules.watchState("watched").orElseThrow()
        .equals("paused while stopped"));
    Files.writeString(project.resolve("src/server.js"), "changed while stopped");

    assertRestartsStay(0);
    assertThat(fixture.record(APP).status()).as("a paused watch starts nothing").isEqualTo(ProcessStatus.STOPPED);

    fixture.supervisor.start(APP);
    awaitPolling();
    Files.writeString(project.resolve("src/server.js"), "changed after the start");
    fixture.awaitRecord(APP, r -> r.restarts() == 1 && r.status() == ProcessStatus.ONLINE);
  }

  /** Waits until the watch runs and has taken its first snapshot: changes from now on count. */
  private void awaitPolling() {
    await().atMost(SupervisorFixture.PATIENCE).until(() -> schedules.watchState("watched")
        .map(state -> state.startsWith("watching")).orElse(false));
  }

  private void assertRestartsStay(int restarts) {
    await().during(QUIET).atMost(QUIET.plusSeconds(10))
        .until(() -> fixture.record(APP).restarts() == restarts);
  }

  /** Paces the writes of a burst; not a wait for a condition. */
  private static void sleepAWhile(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
