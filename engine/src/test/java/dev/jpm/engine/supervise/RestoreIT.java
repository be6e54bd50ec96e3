package dev.jpm.engine.supervise;

import static dev.jpm.engine.supervise.SupervisorFixture.descendants;
import static dev.jpm.engine.supervise.SupervisorFixture.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.os.Liveness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreIT {

  @TempDir Path home;

  @Test
  void aNewDaemonAdoptsTheRunningTreesKeepingPidsAndCountersAndRestoresTheRestAsRecorded() {
    var tree = TestApps.fixture("tree", "spawn-grandchild.sh").stop(new StopPolicy("INT", 300)).build();
    var idle = TestApps.fixture("idle", "sleep.sh", "1000").build();
    var crashed = TestApps.fixture("crashed", "crash-fast.sh").build();
    ObservedState saved;
    long oldPid;
    List<Long> oldTree;
    var dead = new SupervisorFixture(home);
    {
      oldPid = dead.run(tree).pid();
      dead.supervisor.restart(new InstanceId("tree", 0));
      oldPid = dead.record(new InstanceId("tree", 0)).pid();
      long pid = oldPid;
      oldTree = await().atMost(SupervisorFixture.PATIENCE).until(() -> descendants(pid), d -> d.size() >= 2);
      dead.supervisor.register(idle);
      dead.run(crashed);
      dead.awaitStatus(new InstanceId("crashed", 0), ProcessStatus.ERRORED);
      saved = dead.supervisor.observe();
      // The daemon dies: its threads go, its children stay (close() never stops them).
      dead.supervisor.close();
    }
    assertThat(running(oldPid)).as("the old daemon left its child running").isTrue();

    try (var fresh = new SupervisorFixture(home)) {
      fresh.supervisor.restore(saved);

      ProcessRecord adopted = fresh.record(new InstanceId("tree", 0));
      assertThat(adopted.status()).isEqualTo(ProcessStatus.ONLINE);
      assertThat(adopted.pid()).isEqualTo(oldPid);
      assertThat(adopted.restarts()).isEqualTo(1);
      assertThat(oldTree).allSatisfy(p -> assertThat(running(p)).isTrue());
      assertThat(rootsRunning("spawn-grandchild.sh")).containsExactly(oldPid);
      ObservedApp idleApp = fresh.supervisor.observe().apps().get("idle");
      assertThat(idleApp.instances()).extracting(ProcessRecord::status).containsExactly(ProcessStatus.STOPPED);
      ProcessRecord stillErrored = fresh.record(new InstanceId("crashed", 0));
      assertThat(stillErrored.status()).isEqualTo(ProcessStatus.ERRORED);
      assertThat(stillErrored.reason()).startsWith("crashed 3 times");

      // Adopted, it is supervised as any instance: a stop takes the whole tree.
      fresh.supervisor.stop(new InstanceId("tree", 0));
      assertThat(running(oldPid)).isFalse();
      assertThat(oldTree).allSatisfy(p -> assertThat(running(p)).isFalse());
    }
  }

  @Test
  void anOnlineRecordWhosePidNowRunsAnotherProcessIsNotAdoptedAndItsInstanceStartsAgain() {
    var idle = TestApps.fixture("idle", "sleep.sh", "1000").build();
    long mine = ProcessHandle.current().pid();
    var recycled = new ProcessRecord(new InstanceId("idle", 0), ProcessStatus.ONLINE, mine, 1, null, 0, 4, 0, null,
        null, null, null, 0);
    try (var fresh = new SupervisorFixture(home)) {
      fresh.supervisor.restore(new ObservedState(Map.of("idle", new ObservedApp(idle, List.of(recycled)))));

      ProcessRecord record = fresh.record(new InstanceId("idle", 0));
      assertThat(record.status()).isEqualTo(ProcessStatus.ONLINE);
      assertThat(record.pid()).isNotEqualTo(mine);
      assertThat(record.restarts()).isEqualTo(4);
    }
    assertThat(ProcessHandle.current().isAlive()).isTrue();
  }

  @Test
  void aRunWhosePipesAreGoneCannotBeAdoptedAndIsStoppedAndStartedAgain() throws Exception {
    var app = TestApps.fixture("nopipe", "sleep.sh", "1005").logsIn(home.resolve("logs"), false).build();
    ObservedState saved;
    long oldPid;
    var dead = new SupervisorFixture(home);
    {
      oldPid = dead.run(app).pid();
      saved = dead.supervisor.observe();
      dead.supervisor.close();
    }
    try (var files = java.nio.file.Files.list(home.resolve("pipes"))) {
      for (Path pipe : files.toList()) java.nio.file.Files.delete(pipe);
    }

    try (var fresh = new SupervisorFixture(home)) {
      fresh.supervisor.restore(saved);

      assertThat(running(oldPid)).isFalse();
      ProcessRecord revived = fresh.record(new InstanceId("nopipe", 0));
      assertThat(revived.status()).isEqualTo(ProcessStatus.ONLINE);
      assertThat(revived.pid()).isNotEqualTo(oldPid);
      assertThat(running(revived.pid())).isTrue();
    }
  }

  @Test
  void aRecordWhosePidWasRecycledIsNotTouched() {
    var idle = TestApps.fixture("idle", "sleep.sh", "1000").build();
    long mine = ProcessHandle.current().pid();
    var stale = new ProcessRecord(new InstanceId("idle", 0), ProcessStatus.STOPPED, mine, 1, null, 0, 0, 0, null,
        null, null, null, 0);
    try (var fresh = new SupervisorFixture(home)) {
      fresh.supervisor.restore(new ObservedState(Map.of("idle", new ObservedApp(idle, List.of(stale)))));
      assertThat(fresh.record(new InstanceId("idle", 0)).status()).isEqualTo(ProcessStatus.STOPPED);
    }
    assertThat(ProcessHandle.current().isAlive()).isTrue();
  }

  @Test
  void aRelaunchTheDeadDaemonHadNotSavedIsFoundByItsPidFileAndStopped() {
    var id = new InstanceId("relaunched", 0);
    var app = TestApps.fixture("relaunched", "sleep.sh", "1003").logsIn(home.resolve("logs"), false).build();
    ObservedState saved;
    long unsavedPid;
    var dead = new SupervisorFixture(home);
    {
      dead.run(app);
      saved = dead.supervisor.observe(); // the last save: the first run
      unsavedPid = dead.supervisor.restart(id).pid(); // its replacement, launched just before the daemon died
      dead.supervisor.close();
    }
    assertThat(home.resolve("logs/relaunched-0.pid")).content().isEqualTo(unsavedPid + "\n");
    assertThat(running(unsavedPid)).isTrue();

    try (var fresh = new SupervisorFixture(home)) {
      fresh.supervisor.restore(saved);

      assertThat(running(unsavedPid)).isFalse();
      ProcessRecord revived = fresh.record(id);
      assertThat(revived.status()).isEqualTo(ProcessStatus.ONLINE);
      // The script execs sleep: its command line is briefly unreadable, so wait for one stable answer.
      await().atMost(SupervisorFixture.PATIENCE).until(() -> rootsRunning("1003"), roots -> !roots.isEmpty());
      assertThat(rootsRunning("1003")).containsExactly(revived.pid());
      assertThat(home.resolve("logs/relaunched-0.pid")).content().isEqualTo(revived.pid() + "\n");
    }
  }

  @Test
  void anAppLaunchedBeforeTheFirstSaveIsStoppedAndItsPidFileRemoved() {
    var app = TestApps.fixture("first", "sleep.sh", "1004")
        .logs(new LogSpec(null, null, null, false, false, null, false, home.resolve("pids/first.pid").toString()))
        .build();
    long orphan;
    var dead = new SupervisorFixture(home);
    {
      orphan = dead.run(app).pid();
      dead.supervisor.close();
    }
    assertThat(running(orphan)).isTrue();

    try (var fresh = new SupervisorFixture(home)) {
      fresh.supervisor.restore(ObservedState.EMPTY);

      assertThat(running(orphan)).isFalse();
      assertThat(home.resolve("pids/first-0.pid")).doesNotExist();
      assertThat(fresh.supervisor.observe().apps()).isEmpty();
    }
  }

  /** Children of this JVM running {@code script}: what the old and the new supervisor started. */
  private static List<Long> rootsRunning(String script) {
    return ProcessHandle.current().children().filter(Liveness::isRunning)
        .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(script)).orElse(false))
        .map(ProcessHandle::pid).toList();
  }
}
