package dev.jpm.engine.supervise;

import static dev.jpm.engine.supervise.SupervisorFixture.PATIENCE;
import static dev.jpm.engine.supervise.SupervisorFixture.descendants;
import static dev.jpm.engine.supervise.SupervisorFixture.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.os.KernelIds;
import dev.jpm.engine.os.Liveness;
import dev.jpm.engine.os.Signals;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SupervisorLifecycleIT {

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();

  @Test
  void startsInItsOwnSessionWithThePidOfTheAppAndStopsIt() {
    var id = new InstanceId("sleeper", 0);
    ProcessRecord online = fixture.run(TestApps.fixture("sleeper", "sleep.sh", "1000").build());

    assertThat(online.status()).isEqualTo(ProcessStatus.ONLINE);
    assertThat(online.pid()).isPositive();
    assertThat(online.startedAtMs()).isPositive();
    assertThat(online.specHash()).isNotNull();
    var handle = ProcessHandle.of(online.pid()).orElseThrow();
    assertThat(handle.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
    assertThat(handle.info().startInstant().orElseThrow().toEpochMilli()).isEqualTo(online.pidStartMs());
    // Soon running the app; a fork app leads its own session and process group (PM2 spawns it detached).
    await().atMost(PATIENCE).until(() -> handle.info().command().orElse(""), c -> c.endsWith("/sleep"));
    assertThat(KernelIds.groupOf(online.pid())).isEqualTo(online.pid());
    assertThat(KernelIds.sessionOf(online.pid())).isEqualTo(online.pid());

    ProcessRecord stopped = fixture.supervisor.stop(id);
    assertThat(stopped.status()).isEqualTo(ProcessStatus.STOPPED);
    assertThat(stopped.pid()).isZero();
    assertThat(stopped.lastSignal()).isEqualTo("INT");
    assertThat(running(online.pid())).isFalse();
    assertThat(fixture.supervisor.awaitSettled(id, Duration.ofSeconds(1)).status()).isEqualTo(ProcessStatus.STOPPED);
  }

  @Test
  void aClusterAppsInstancesLeadTheirProcessGroupsInTheDaemonsSessionAndStopWithTheirTrees() {
    var spec = TestApps.fixture("workers", "sleep.sh", "1000").cluster(2).build();
    fixture.supervisor.register(spec);
    List<Long> pids = List.of(0, 1).stream()
        .map(index -> fixture.supervisor.start(new InstanceId("workers", index)).pid()).toList();

    long daemonsSession = KernelIds.sessionOf(ProcessHandle.current().pid());
    for (long pid : pids) {
      await().atMost(PATIENCE).until(() -> ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse(""),
          c -> c.endsWith("/sleep"));
      assertThat(KernelIds.groupOf(pid)).as("its own group, so a stop reaches its tree").isEqualTo(pid);
      assertThat(KernelIds.sessionOf(pid)).as("one CPU share between the instances, as PM2's workers")
          .isEqualTo(daemonsSession);
    }

    for (int index : List.of(0, 1))
      assertThat(fixture.supervisor.stop(new InstanceId("workers", index)).status()).isEqualTo(ProcessStatus.STOPPED);
    assertThat(pids).noneMatch(SupervisorFixture::running);
  }

  @Test
  void stopKillsTheWholeTreeIncludingAGrandchildThatLeftTheGroup() {
    var id = new InstanceId("tree", 0);
    var spec = TestApps.fixture("tree", "spawn-grandchild.sh").stop(new StopPolicy("INT", 500)).build();
    long pid = fixture.run(spec).pid();
    List<Long> tree = await().atMost(PATIENCE).until(() -> descendants(pid), d -> d.size() >= 2);

    fixture.supervisor.stop(id);

    assertThat(running(pid)).isFalse();
    assertThat(tree).allSatisfy(p -> assertThat(running(p)).as("descendant %d", p).isFalse());
  }

  @Test
  void aStopRightAfterStartStillCatchesAGrandchildAboutToEscape() {
    var id = new InstanceId("racer", 0);
    String marker = "1001.4242";
    // TERM: no one ignores it, so each round is quick; an unseen escaped child would not get it.
    var spec = TestApps.fixture("racer", "spawn-grandchild.sh", marker).stop(new StopPolicy("TERM", 300)).build();
    fixture.supervisor.register(spec);
    for (int round = 0; round < 12; round++) {
      fixture.supervisor.start(id);
      fixture.supervisor.stop(id);
    }
    assertThat(processesWithArgument(marker)).isEmpty();
  }

  /** Every running process on the machine with {@code argument}, wherever it was re-parented. */
  static List<Long> processesWithArgument(String argument) {
    return ProcessHandle.allProcesses().filter(Liveness::isRunning)
        .filter(h -> h.info().arguments().map(a -> List.of(a).contains(argument)).orElse(false))
        .map(ProcessHandle::pid).toList();
  }

  @Test
  void restartReplacesTheWholeTree() {
    var id = new InstanceId("tree", 0);
    var spec = TestApps.fixture("tree", "spawn-grandchild.sh").stop(new StopPolicy("TERM", 500)).build();
    long pid = fixture.run(spec).pid();
    List<Long> tree = await().atMost(PATIENCE).until(() -> descendants(pid), d -> d.size() >= 2);

    ProcessRecord restarted = fixture.supervisor.restart(id);

    assertThat(restarted.status()).isEqualTo(ProcessStatus.ONLINE);
    assertThat(restarted.restarts()).isEqualTo(1);
    assertThat(restarted.pid()).isNotEqualTo(pid);
    assertThat(running(pid)).isFalse();
    assertThat(tree).allSatisfy(p -> assertThat(running(p)).isFalse());
  }

  @Test
  void killTimeoutThenSigkillForAnAppIgnoringTheStopSignal() {
    var id = new InstanceId("stubborn", 0);
    var spec = TestApps.fixture("stubborn", "ignore-sigint.sh").stop(new StopPolicy("INT", 700)).build();
    long pid = fixture.run(spec).pid();
    await().atMost(PATIENCE).until(() -> !descendants(pid).isEmpty()); // the trap is set before the loop starts

    long before = System.nanoTime();
    ProcessRecord stopped = fixture.supervisor.stop(id);
    long tookMs = (System.nanoTime() - before) / 1_000_000;

    assertThat(tookMs).isGreaterThanOrEqualTo(650);
    assertThat(stopped.status()).isEqualTo(ProcessStatus.STOPPED);
    assertThat(stopped.lastSignal()).isEqualTo("KILL");
    assertThat(running(pid)).isFalse();
  }

  @Test
  void aLaunchThatFailsIsAnErroredInstanceWithTheReason() throws java.io.IOException {
    var missing = TestApps.command("ghost", "no-such-program-jpm-test").build();
    ProcessRecord record = fixture.run(missing);
    assertThat(record.status()).isEqualTo(ProcessStatus.ERRORED);
    assertThat(record.reason()).contains("launch failed").contains("no-such-program-jpm-test");

    var badCwd = TestApps.fixture("lost", "sleep.sh").cwd(fixture.home.resolve("nowhere").toString()).build();
    assertThat(fixture.run(badCwd).reason()).contains("not a directory");

    java.nio.file.Files.writeString(fixture.home.resolve("file"), "");
    var badLogs = TestApps.fixture("unlogged", "sleep.sh").logsIn(fixture.home.resolve("file"), true).build();
    assertThat(fixture.run(badLogs).reason()).startsWith("launch failed: cannot open log file");
  }

  @Test
  void registerInPlaceNeverRestartsAndTheNewPolicyAppliesAtTheNextExit() {
    var id = new InstanceId("steady", 0);
    long pid = fixture.run(TestApps.fixture("steady", "sleep.sh", "1000").build()).pid();
    var noAutorestart = new RestartPolicy(false, 3, 300, 0, 0, Set.of());
    var changed = TestApps.fixture("steady", "sleep.sh", "1000").restart(noAutorestart).logsIn(fixture.home, false).build();

    fixture.supervisor.register(changed);

    ProcessRecord record = fixture.record(id);
    assertThat(record.pid()).isEqualTo(pid);
    assertThat(record.status()).isEqualTo(ProcessStatus.ONLINE);
    assertThat(record.restarts()).isZero();
    assertThat(fixture.supervisor.observe().apps().get("steady").applied()).isEqualTo(changed);
    Signals.toProcess(pid, Signals.number("TERM"));
    assertThat(fixture.awaitStatus(id, ProcessStatus.STOPPED).reason()).contains("autorestart is off");
    assertThat(fixture.home.resolve("steady-out-0.log")).as("new log paths apply from the next start").doesNotExist();

    long next = fixture.supervisor.start(id).pid();
    await().atMost(PATIENCE).untilAsserted(
        () -> assertThat(fixture.home.resolve("steady-out-0.log")).content().isEqualTo("sleeping " + next + "\n"));
  }

  @Test
  void registerCreatesStoppedInstancesAndDeleteForgetsTheApp() {
    fixture.supervisor.register(TestApps.fixture("pair", "sleep.sh", "1000").instances(2).build());
    assertThat(fixture.supervisor.observe().apps().get("pair").instances())
        .extracting(ProcessRecord::status).containsExactly(ProcessStatus.STOPPED, ProcessStatus.STOPPED);
    long first = fixture.supervisor.start(new InstanceId("pair", 0)).pid();
    long second = fixture.supervisor.start(new InstanceId("pair", 1)).pid();

    fixture.supervisor.delete("pair");

    assertThat(fixture.supervisor.observe().apps()).doesNotContainKey("pair");
    assertThat(running(first)).isFalse();
    assertThat(running(second)).isFalse();
    assertThatThrownBy(() -> fixture.supervisor.start(new InstanceId("pair", 0))).hasMessageContaining("unknown instance");
  }

  @Test
  void removeStopsAndForgetsOneInstance() {
    fixture.supervisor.register(TestApps.fixture("duo", "sleep.sh", "1000").instances(2).build());
    long pid = fixture.supervisor.start(new InstanceId("duo", 1)).pid();

    fixture.supervisor.remove(new InstanceId("duo", 1));

    assertThat(running(pid)).isFalse();
    assertThat(fixture.supervisor.observe().apps().get("duo").instances()).extracting(ProcessRecord::id)
        .containsExactly(new InstanceId("duo", 0));
  }

  @Test
  void stopAllStopsInParallelAndListenersHearOfTheLastChange() {
    // Notifications are coalesced: a listener runs after changes and reads the state then, so the state its last
    // run saw must be the final one (every instance stopped), however many runs there were.
    var seen = new AtomicReference<List<ProcessStatus>>(List.of());
    fixture.supervisor.onChange(state -> {
      var many = state.apps().get("many");
      if (many != null) seen.set(many.instances().stream().map(r -> r.status()).toList());
    });
    var spec = TestApps.fixture("many", "ignore-sigint.sh").instances(3).stop(new StopPolicy("INT", 600)).build();
    fixture.supervisor.register(spec);
    List<Long> pids = List.of(0, 1, 2).stream().map(i -> fixture.supervisor.start(new InstanceId("many", i)).pid()).toList();

    long before = System.nanoTime();
    fixture.supervisor.stopAll();
    long tookMs = (System.nanoTime() - before) / 1_000_000;

    assertThat(pids).allSatisfy(p -> assertThat(running(p)).isFalse());
    assertThat(tookMs).as("kill timeouts run in parallel").isLessThan(3 * 600);
    assertThat(fixture.supervisor.observe().apps().get("many").instances())
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(ProcessStatus.STOPPED));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(seen.get())
        .containsExactly(ProcessStatus.STOPPED, ProcessStatus.STOPPED, ProcessStatus.STOPPED));
  }
}
