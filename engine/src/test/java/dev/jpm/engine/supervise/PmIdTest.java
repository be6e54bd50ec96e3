package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PM2's pm_id as the supervisor hands them out: in order of creation, never twice while the table has apps, kept by
 * a restored table, and numbered for a table saved before them. No process is started (the launcher refuses).
 */
class PmIdTest {

  @TempDir Path home;
  private Supervisor supervisor;
  private Supervisor successor;

  @AfterEach
  void close() {
    if (supervisor != null) supervisor.close();
    if (successor != null) successor.close();
  }

  @Test
  void numbersGoUpInOrderOfCreationAndAreNeverGivenTwiceWhileTheTableLives() {
    supervisor = supervisor();
    supervisor.register(app("api", 2));
    supervisor.register(app("worker", 1));
    assertThat(pmIds(supervisor.observe())).isEqualTo(Map.of("api#0", 0, "api#1", 1, "worker#0", 2));

    supervisor.register(app("api", 3)); // scale up: a new number
    supervisor.remove(new InstanceId("api", 2)); // scale down: 3 is not given again
    supervisor.register(app("api", 3));
    supervisor.delete("worker");
    supervisor.register(app("jobs", 1));

    assertThat(pmIds(supervisor.observe())).isEqualTo(Map.of("api#0", 0, "api#1", 1, "api#2", 4, "jobs#0", 5));
    assertThat(supervisor.observe().nextPmId()).isEqualTo(6);
  }

  @Test
  void anEmptyTableStartsAgainAtZeroAsPm2Does() {
    supervisor = supervisor();
    supervisor.register(app("api", 2));
    supervisor.delete("api");

    supervisor.register(app("web", 1));

    assertThat(pmIds(supervisor.observe())).isEqualTo(Map.of("web#0", 0));
  }

  @Test
  void aRestoredTableKeepsItsNumbersAndItsCounter() {
    supervisor = supervisor();
    supervisor.register(app("api", 2));
    supervisor.register(app("gone", 1));
    supervisor.delete("gone"); // 2 was given out: the successor must not give it again
    ObservedState saved = supervisor.observe();

    successor = supervisor();
    successor.restore(saved);
    successor.register(app("web", 1));

    assertThat(pmIds(successor.observe())).isEqualTo(Map.of("api#0", 0, "api#1", 1, "web#0", 3));
  }

  @Test
  void aTableSavedBeforePmIdsIsNumberedInTableOrder() {
    Map<String, ObservedApp> apps = new LinkedHashMap<>();
    apps.put("worker", new ObservedApp(app("worker", 1), List.of(stopped("worker", 0))));
    apps.put("api", new ObservedApp(app("api", 2), List.of(stopped("api", 0), stopped("api", 1))));
    ObservedState old = new ObservedState(apps);
    assertThat(old.nextPmId()).isZero();

    supervisor = supervisor();
    supervisor.restore(old);

    assertThat(pmIds(supervisor.observe())).isEqualTo(Map.of("api#0", 0, "api#1", 1, "worker#0", 2));
  }

  private Supervisor supervisor() {
    return new Supervisor(request -> {
      throw new AssertionError("no process is started here");
    }, Clock.systemUTC(), home);
  }

  private static AppSpec app(String name, int instances) {
    return TestApps.command(name, "true").instances(instances).build();
  }

  /** A record as a table saved before pm_ids holds it. */
  private static ProcessRecord stopped(String app, int index) {
    return new ProcessRecord(new InstanceId(app, index), ProcessStatus.STOPPED, 0, 0, null, 0, 0, 0, null, null,
        null, null, 0);
  }

  private static Map<String, Integer> pmIds(ObservedState state) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    state.apps().values().forEach(app -> app.instances().forEach(r -> ids.put(r.id().toString(), r.pmId())));
    return ids;
  }
}
