package dev.jpm.engine.daemon;

import static dev.jpm.engine.supervise.SupervisorFixture.descendants;
import static dev.jpm.engine.supervise.SupervisorFixture.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.supervise.SupervisorFixture;
import dev.jpm.engine.supervise.TestApps;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon killed while a rolling reload runs a replacement beside the old process: the replacement is in the table
 * on disk, and the next daemon's restore ends it, tree and all, and adopts the old process, which still serves: the
 * app runs once, on the process it ran on before the reload.
 */
class SurgeRestoreIT {

  @TempDir Path home;

  @Test
  void aSurgeLeftByAKilledDaemonIsEndedOnRestoreAndTheOldProcessIsAdopted() {
    AppSpec tree = TestApps.fixture("tree", "spawn-grandchild.sh").stop(new StopPolicy("INT", 300)).build();
    InstanceId id = new InstanceId("tree", 0);
    StateStore store = new StateStore(home.resolve("state.json"));
    long oldPid;
    long surgePid;
    List<Long> surgeTree;
    var dead = new SupervisorFixture(home);
    try (Persister persister = new Persister(store, dead.supervisor::observe)) {
      dead.supervisor.onChange(state -> persister.changed());
      oldPid = dead.run(tree).pid();
      ProcessRecord surge = dead.supervisor.startSurge(id);
      surgePid = surge.pid();
      surgeTree = await().atMost(SupervisorFixture.PATIENCE).until(() -> descendants(surgePid), d -> d.size() >= 2);
      await().atMost(SupervisorFixture.PATIENCE).until(() -> store.load().map(SurgeRestoreIT::surgePids)
          .orElse(List.of()).contains(surgePid));
      // The daemon dies mid-reload: its threads go, its children (old process and surge) stay.
      dead.supervisor.close();
    }
    assertThat(running(surgePid)).as("the killed daemon left its surge running").isTrue();
    assertThat(running(oldPid)).isTrue();

    try (var fresh = new SupervisorFixture(home)) {
      fresh.supervisor.restore(store.load().orElseThrow());

      assertThat(running(surgePid)).isFalse();
      assertThat(surgeTree).allSatisfy(pid -> assertThat(running(pid)).as("pid %d of the surge's tree", pid).isFalse());
      assertThat(running(oldPid)).isTrue();
      assertThat(fresh.supervisor.surges()).isEmpty();
      List<ProcessRecord> instances = fresh.supervisor.observe().apps().get("tree").instances();
      assertThat(instances).singleElement().satisfies(record -> {
        assertThat(record.status()).isEqualTo(ProcessStatus.ONLINE);
        assertThat(record.pid()).isEqualTo(oldPid);
      });
      long revived = instances.getFirst().pid();
      // Waited on: under load a just-started child's /proc entries can read as incomplete for a moment.
      await().atMost(SupervisorFixture.PATIENCE)
          .untilAsserted(() -> assertThat(childrenRunning("spawn-grandchild.sh")).containsExactly(revived));
    }
  }

  private static List<Long> surgePids(ObservedState state) {
    return state.apps().values().stream().flatMap(app -> app.surges().stream()).map(ProcessRecord::pid).toList();
  }

  /** Children of this JVM running {@code script}: what the dead and the fresh supervisor started. */
  private static List<Long> childrenRunning(String script) {
    return ProcessHandle.current().children().filter(h -> running(h.pid()))
        .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(script)).orElse(false))
        .map(ProcessHandle::pid).toList();
  }
}
