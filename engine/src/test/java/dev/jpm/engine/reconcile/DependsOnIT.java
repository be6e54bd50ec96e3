package dev.jpm.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.ExecMode;
import dev.jpm.engine.model.HealthCheck;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.model.Traffic;
import dev.jpm.engine.plan.VerbPlanner;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** depends_on with real processes: the condition is awaited, and a failed dependency holds back only dependents. */
class DependsOnIT {

  @RegisterExtension final TrafficFixture fx = new TrafficFixture();

  @Test
  void aFailedDependencyHoldsBackItsDependentsAndNobodyElse() {
    AppSpec db = shell("db", "exit 3", List.of(), null, Map.of());
    AppSpec api = shell("api", "exec sleep 60", List.of(new Dependency("db", Dependency.Condition.STARTED)), null,
        Map.of());
    AppSpec web = shell("web", "exec sleep 60", List.of(new Dependency("api", Dependency.Condition.STARTED)), null,
        Map.of());
    AppSpec other = shell("other", "exec sleep 60", List.of(), null, Map.of());

    Reconciler.Outcome outcome = fx.apply(db, api, web, other);

    assertThat(outcome.failures()).anySatisfy(f -> assertThat(f).startsWith("db#0 is stopped: exited with exit code 3"))
        .anySatisfy(f -> assertThat(f).startsWith("api not started: its dependency db#0 is stopped: exited"))
        .anySatisfy(f -> assertThat(f).startsWith("web not started: its dependency api#0 is stopped"));
    assertThat(status("api")).isEqualTo(ProcessStatus.STOPPED);
    assertThat(status("web")).isEqualTo(ProcessStatus.STOPPED);
    assertThat(status("other")).isEqualTo(ProcessStatus.ONLINE);
  }

  @Test
  void aReadyConditionWaitsUntilTheDependencyAnswers() throws IOException {
    int port = TrafficFixture.freePort();
    HealthCheck tcp = new HealthCheck(HealthCheck.Type.TCP, "/", port, 100, 500, 1, 3, 0);
    AppSpec slowDb = TrafficFixture.app("db", 1, port, Map.of("START_DELAY_MS", "1500"), TrafficFixture.traffic());
    slowDb = new AppSpec("db", null, null, slowDb.script(), List.of(), null, List.of(), slowDb.command(),
        slowDb.cwd(), slowDb.env(), 1, ExecMode.FORK, null, null, port, slowDb.restart(), slowDb.stop(), slowDb.logs(),
        8000, 0, null, List.of(), List.of(), 0, List.of(), true, null,
        new Traffic(null, false, tcp, null, 1, 0, 1000, false));
    // Fails at once (and is not restarted) unless the db's port accepts when it starts.
    AppSpec api = shell("api", "exec 3<>/dev/tcp/127.0.0.1/" + port + " && exec sleep 60",
        List.of(new Dependency("db", Dependency.Condition.READY)), null, Map.of());

    Reconciler.Outcome outcome = fx.apply(slowDb, api);

    assertThat(outcome.failures()).isEmpty();
    assertThat(status("api")).isEqualTo(ProcessStatus.ONLINE);
  }

  @Test
  void jpmStopTakesADependentDownBeforeWhatItDependsOn() {
    AppSpec db = shell("db", "exec sleep 60", List.of(), null, Map.of());
    AppSpec api = shell("api", "exec sleep 60", List.of(new Dependency("db", Dependency.Condition.STARTED)), null,
        Map.of());
    assertThat(fx.apply(db, api).failures()).isEmpty();
    fx.progress.clear();

    Reconciler.Outcome stop = fx.reconciler.control(VerbPlanner.Verb.STOP, Map.of("db",
        List.of(new InstanceId("db", 0)), "api", List.of(new InstanceId("api", 0))), Set.of("db", "api"),
        fx.progress::add);

    assertThat(stop.plan().lines()).contains("- stop db#0 (jpm stop) after api#0");
    assertThat(fx.progress).containsExactly("stopped api#0", "stopped db#0");
    assertThat(status("db")).isEqualTo(ProcessStatus.STOPPED);
    assertThat(status("api")).isEqualTo(ProcessStatus.STOPPED);
  }

  private ProcessStatus status(String app) {
    return fx.supervisor.observe().apps().get(app).instances().getFirst().status();
  }

  private static AppSpec shell(String name, String script, List<Dependency> dependsOn, Integer port,
      Map<String, String> env) {
    List<String> command = List.of("bash", "-c", script);
    return new AppSpec(name, null, null, script, List.of(), null, List.of(), command,
        System.getProperty("java.io.tmpdir"), env, 1, ExecMode.FORK, null, null, port,
        new RestartPolicy(false, 1, 300, 0, 0, Set.of()), new StopPolicy("INT", 1000),
        new LogSpec(null, null, null, false, false, null, false, null), 3000, 0, null, List.of(), List.of(), 0,
        dependsOn, true, null, null);
  }
}
