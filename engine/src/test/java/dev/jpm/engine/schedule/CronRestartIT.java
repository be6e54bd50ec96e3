package dev.jpm.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.SupervisorFixture;
import dev.jpm.engine.supervise.TestApps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cron restarts through Quartz against real children: a fast cron (every second) instead of a fake clock. */
class CronRestartIT {

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();

  private static final InstanceId FIRST = new InstanceId("ticker", 0);
  private static final InstanceId SECOND = new InstanceId("ticker", 1);
  private Schedules schedules;

  @BeforeEach
  void setUp() {
    schedules = new Schedules(new Reconciler(fixture.supervisor), fixture.home, Duration.ofMillis(100),
        Clock.systemUTC());
    fixture.supervisor.onChange(schedules::sync);
  }

  @AfterEach
  void tearDown() {
    schedules.close();
  }

  private static TestApps ticker(String cron) {
    return TestApps.fixture("ticker", "sleep.sh", "1000.41").cron(cron);
  }

  @Test
  void everySecondRestartsEachInstanceInTurnWithANewPid() {
    AppSpec spec = ticker("* * * * * *").instances(2).build();
    fixture.supervisor.register(spec);
    long firstPid = fixture.supervisor.start(FIRST).pid();
    long secondPid = fixture.supervisor.start(SECOND).pid();

    fixture.awaitRecord(FIRST, r -> r.restarts() >= 1 && r.status() == ProcessStatus.ONLINE);
    fixture.awaitRecord(SECOND, r -> r.restarts() >= 1 && r.status() == ProcessStatus.ONLINE);

    assertThat(fixture.record(FIRST).pid()).isNotEqualTo(firstPid);
    assertThat(fixture.record(SECOND).pid()).isNotEqualTo(secondPid);
    assertThat(SupervisorFixture.running(firstPid)).isFalse();
    assertThat(SupervisorFixture.running(secondPid)).isFalse();
  }

  @Test
  void aStoppedAppWithACronIsStartedAtTheCronTime() {
    fixture.supervisor.register(ticker("*/2 * * * * *").build());
    assertThat(fixture.record(FIRST).status()).isEqualTo(ProcessStatus.STOPPED);

    fixture.awaitStatus(FIRST, ProcessStatus.ONLINE);
    assertThat(SupervisorFixture.running(fixture.record(FIRST).pid())).isTrue();
  }

  @Test
  void changingTheCronReschedulesInPlaceAndRemovingItRemovesTheJob() {
    fixture.supervisor.register(ticker("0 3 * * *").build());
    await().atMost(SupervisorFixture.PATIENCE).until(() -> schedules.nextCronRestart("ticker").isPresent());
    assertThat(localTime(schedules.nextCronRestart("ticker").orElseThrow())).isEqualTo(LocalTime.of(3, 0));

    fixture.supervisor.register(ticker("30 4 * * *").build());
    await().atMost(SupervisorFixture.PATIENCE).until(() -> schedules.nextCronRestart("ticker")
        .map(next -> localTime(next).equals(LocalTime.of(4, 30))).orElse(false));

    fixture.supervisor.register(ticker(null).build());
    await().atMost(SupervisorFixture.PATIENCE).until(() -> schedules.nextCronRestart("ticker").isEmpty());
    assertThat(fixture.record(FIRST).status()).as("no process was touched").isEqualTo(ProcessStatus.STOPPED);
  }

  @Test
  void deletingTheAppRemovesItsCron() {
    fixture.supervisor.register(ticker("0 3 * * *").build());
    await().atMost(SupervisorFixture.PATIENCE).until(() -> schedules.nextCronRestart("ticker").isPresent());
    fixture.supervisor.delete("ticker");
    await().atMost(SupervisorFixture.PATIENCE).until(() -> schedules.nextCronRestart("ticker").isEmpty());
  }

  private static LocalTime localTime(Instant instant) {
    return instant.atZone(ZoneId.systemDefault()).toLocalTime();
  }
}
