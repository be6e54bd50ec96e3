package dev.jpm.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.SupervisorFixture;
import dev.jpm.engine.supervise.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scheduled restarts never overlap: not with a rollout of the app, not with the previous scheduled one. */
class AppRestartsIT {

  private static final InstanceId STUBBORN = new InstanceId("stubborn", 0);

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();

  /** An app that ignores SIGINT: each stop lasts its whole kill_timeout, long enough to look at. */
  private Reconciler startStubborn() {
    fixture.run(TestApps.fixture("stubborn", "ignore-sigint.sh").stop(new StopPolicy("INT", 2000)).build());
    return new Reconciler(fixture.supervisor);
  }

  @Test
  void aRequestDuringARolloutOfTheAppIsRefused() {
    Reconciler reconciler = startStubborn();
    Thread.ofVirtual().start(() -> reconciler.restart("stubborn", "jpm restart", line -> {}));
    await().atMost(SupervisorFixture.PATIENCE).until(() -> reconciler.rolloutInProgress("stubborn"));

    assertThat(new AppRestarts(reconciler).request("stubborn", "cron * * * * * *")).isFalse();

    fixture.awaitRecord(STUBBORN, r -> r.restarts() == 1 && r.status() == ProcessStatus.ONLINE);
    await().atMost(SupervisorFixture.PATIENCE).until(() -> !reconciler.rolloutInProgress("stubborn"));
  }

  @Test
  void aSecondRequestWhileTheFirstRunsIsRefusedAndOneRestartHappens() {
    Reconciler reconciler = startStubborn();
    AppRestarts restarts = new AppRestarts(reconciler);

    assertThat(restarts.request("stubborn", "cron first")).isTrue();
    assertThat(restarts.request("stubborn", "cron second")).isFalse();

    fixture.awaitRecord(STUBBORN, r -> r.restarts() == 1 && r.status() == ProcessStatus.ONLINE);
    await().atMost(SupervisorFixture.PATIENCE).until(() -> restarts.request("stubborn", "cron third"));
    fixture.awaitRecord(STUBBORN, r -> r.restarts() == 2 && r.status() == ProcessStatus.ONLINE);
  }
}
