package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** PM2's imperative verbs against a real daemon: targets, return-when-done, and the ls --json shape. */
class VerbsIT {

  @TempDir Path temp;
  @RegisterExtension final JpmHarness jpm = new JpmHarness();
  Path file;

  @BeforeEach
  void start() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
    file = jpm.write("ecosystem.yaml", """
        apps:
          - name: api
            script: sleeper.sh
            instances: 2
            min_uptime: 300ms
          - name: jobs
            script: sleeper.sh
            min_uptime: 300ms
        """);
    jpm.run("apply", file.toString()).expectExit(0);
  }

  @Test
  void lsJsonHasTheStableShape() {
    JsonNode row = jpm.instance("api#1");

    assertThat(row.path("name").asString()).isEqualTo("api");
    assertThat(row.path("id").asString()).isEqualTo("api#1");
    assertThat(row.path("instance").asInt()).isEqualTo(1);
    assertThat(row.path("pid").asLong()).isPositive();
    assertThat(row.path("status").asString()).isEqualTo("online");
    assertThat(row.path("restarts").asInt()).isZero();
    assertThat(row.has("uptime_ms")).isTrue();
  }

  @Test
  void stopAndStartOneInstanceLeavesTheOthersAlone() {
    long other = jpm.pid("api#0");
    long stopped = jpm.pid("api#1");

    jpm.run("stop", "api#1").expectExit(0);
    assertThat(JpmHarness.alive(stopped)).isFalse();
    assertThat(jpm.status("api#1")).isEqualTo("stopped");
    assertThat(jpm.run("diff", file.toString()).expectExit(1).out()).contains("+ start api#1 (stopped)");

    jpm.run("start", "api#1").expectExit(0);
    assertThat(jpm.status("api#1")).isEqualTo("online");
    assertThat(jpm.pid("api#0")).isEqualTo(other);
  }

  @Test
  void restartReplacesEveryInstanceAndCountsIt() {
    List<Long> before = List.of(jpm.pid("api#0"), jpm.pid("api#1"), jpm.pid("jobs#0"));

    JpmHarness.Result restart = jpm.run("restart", "all").expectExit(0);

    assertThat(restart.out()).contains("restarted api#0", "restarted api#1", "restarted jobs#0");
    for (String id : List.of("api#0", "api#1", "jobs#0")) {
      assertThat(jpm.status(id)).isEqualTo("online");
      assertThat(jpm.instance(id).path("restarts").asInt()).isEqualTo(1);
      assertThat(jpm.pid(id)).isNotIn(before);
    }
    before.forEach(pid -> assertThat(JpmHarness.alive(pid)).isFalse());
  }

  @Test
  void deleteForgetsTheAppAndItsProcesses() {
    long api0 = jpm.pid("api#0");
    long api1 = jpm.pid("api#1");

    jpm.run("delete", "api").expectExit(0);

    assertThat(jpm.instances()).extracting(r -> r.path("id").asString()).containsExactly("jobs#0");
    assertThat(JpmHarness.alive(api0)).isFalse();
    assertThat(JpmHarness.alive(api1)).isFalse();
    assertThat(jpm.run("diff", file.toString()).expectExit(1).out()).contains("+ start api#0 (new app)");
  }

  @Test
  void anUnknownTargetSaysSoAndChangesNothing() {
    long api0 = jpm.pid("api#0");

    JpmHarness.Result stop = jpm.run("stop", "nope").expectExit(3);

    assertThat(stop.err()).contains("process or namespace not found: 'nope'", "jpm ls");
    assertThat(jpm.pid("api#0")).isEqualTo(api0);
    jpm.run("scale", "api", "0").expectExit(2);
    jpm.run("show", "nope").expectExit(3);
  }

  @Test
  void showAndLogsDescribeAnApp() {
    JpmHarness.Result show = jpm.run("show", "api").expectExit(0);
    assertThat(show.out()).contains("api#0", "api#1", "online", jpm.home.resolve("logs/api-out-0.log").toString());

    JpmHarness.Result logs = jpm.run("logs", "api#1", "--lines", "5", "--nostream").expectExit(0);
    assertThat(logs.out()).contains("api#1 | started api#1");
  }

  @Test
  void initWritesAStarterThatValidatesAndNeverOverwrites() {
    jpm.setEnv("GREETING", "unused");
    Path starter = temp.resolve("starter.yaml");

    jpm.run("init", starter.toString()).expectExit(0);
    jpm.run("validate", starter.toString()).expectExit(0);
    jpm.run("validate", starter.toString(), "--env", "production").expectExit(0);
    assertThat(jpm.run("init", starter.toString()).expectExit(3).err()).contains("already exists");
  }
}
