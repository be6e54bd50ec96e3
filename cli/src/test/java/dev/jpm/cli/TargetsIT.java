package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * PM2's targets against a real daemon: pm_id, namespace, /regex/, ecosystem file and several at once, for the verbs
 * that act; pm_ids kept across restarts, reloads and a daemon killed with SIGKILL; a target that matches nothing.
 */
class TargetsIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();
  Path file;

  @BeforeEach
  void start() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
    file = jpm.write("ecosystem.yaml", """
        apps:
          - name: api
            script: sleeper.sh
            namespace: shop
            instances: 2
            min_uptime: 300ms
          - name: api-admin
            script: sleeper.sh
            namespace: shop
            min_uptime: 300ms
          - name: worker
            script: sleeper.sh
            min_uptime: 300ms
        """);
    jpm.run("apply", file.toString()).expectExit(0);
  }

  @Test
  void everyInstanceHasItsOwnPmIdShownFirstInLs() {
    Map<String, Integer> ids = pmIds();

    assertThat(ids).containsOnlyKeys("api#0", "api#1", "api-admin#0", "worker#0");
    assertThat(ids.values()).containsExactlyInAnyOrder(0, 1, 2, 3);
    String ls = jpm.run("ls").expectExit(0).out();
    assertThat(ls.lines().findFirst().orElseThrow()).startsWith("id ");
    assertThat(ls).containsPattern("(?m)^" + ids.get("worker#0") + " +worker#0 ");
  }

  @Test
  void aPmIdANamespaceARegexAndSeveralTargetsActOnWhatTheyName() {
    Map<String, Integer> ids = pmIds();

    jpm.run("stop", Integer.toString(ids.get("api#1"))).expectExit(0);
    assertThat(statuses()).containsEntry("api#1", "stopped").containsEntry("api#0", "online")
        .containsEntry("worker#0", "online");

    jpm.run("start", "shop").expectExit(0); // the namespace: api and api-admin
    assertThat(statuses()).containsEntry("api#1", "online");

    jpm.run("restart", "/^api/").expectExit(0);
    assertThat(restarts()).containsEntry("api#0", 1).containsEntry("api#1", 1).containsEntry("api-admin#0", 1)
        .containsEntry("worker#0", 0);

    jpm.run("stop", "worker", Integer.toString(ids.get("api-admin#0"))).expectExit(0);
    assertThat(statuses()).containsEntry("worker#0", "stopped").containsEntry("api-admin#0", "stopped")
        .containsEntry("api#0", "online");
  }

  @Test
  void anEcosystemFileTargetActsOnTheAppsItListsByName() throws IOException {
    Path other = jpm.write("other.yaml", "apps:\n  - name: worker\n    script: sleeper.sh\n  - name: api-admin\n"
        + "    script: sleeper.sh\n");

    jpm.run("stop", other.toString(), "--only", "worker").expectExit(0);
    assertThat(statuses()).containsEntry("worker#0", "stopped").containsEntry("api-admin#0", "online");

    jpm.run("stop", other.toString()).expectExit(0);
    assertThat(statuses()).containsEntry("api-admin#0", "stopped").containsEntry("api#0", "online");

    jpm.run("delete", other.toString()).expectExit(0);
    assertThat(statuses()).containsOnlyKeys("api#0", "api#1");
  }

  @Test
  void aTargetThatMatchesNothingIsNamedExitsNonZeroAndChangesNothing() {
    Map<String, Long> pids = pids();

    for (List<String> args : List.of(List.of("stop", "api", "nope", "99"), List.of("restart", "/^zzz/"),
        List.of("reload", "nobody"), List.of("delete", "Shop"), List.of("reset", "42"), List.of("env", "77"))) {
      JpmHarness.Result result = jpm.run(args.toArray(String[]::new));
      assertThat(result.exit()).as("%s", args).isEqualTo(3);
      assertThat(result.err()).as("%s", args).contains("process or namespace not found: '", "jpm ls");
    }
    assertThat(jpm.run("stop", "api", "nope", "99").err()).contains("'nope', '99'");
    assertThat(jpm.run("stop", "/[/").expectExit(2).err()).contains("/[/ is not a valid regular expression");
    assertThat(pids()).isEqualTo(pids);

    JpmHarness.Result plain = jpm.run("stop", "98");
    assertThat(plain.exit()).isEqualTo(3);
    assertThat(plain.err()).contains("process or namespace not found: '98'");
  }

  @Test
  void pmIdsStayAcrossRestartsReloadsAndADaemonKilledWithSigkillAndAreNeverGivenTwice() {
    Map<String, Integer> ids = pmIds();

    jpm.run("restart", "all").expectExit(0);
    jpm.run("reload", "api").expectExit(0);
    assertThat(pmIds()).isEqualTo(ids);

    jpm.run("scale", "api", "3").expectExit(0);
    assertThat(pmIds()).containsEntry("api#2", 4);
    jpm.run("scale", "api", "2").expectExit(0); // 4 was the highest: a successor must not give it again
    jpm.run("delete", Integer.toString(ids.get("api#1"))).expectExit(0); // one instance, by its pm_id
    ids.remove("api#1");

    long daemon = jpm.daemonPid().orElseThrow();
    ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
    JpmHarness.awaitGone(daemon);
    await().atMost(Duration.ofSeconds(30)).until(() -> statuses().values().stream().allMatch("online"::equals));

    assertThat(jpm.daemonPid()).isPresent().get().isNotEqualTo(daemon);
    assertThat(pmIds()).isEqualTo(ids); // the deleted instance stays deleted
    jpm.run("scale", "api", "3").expectExit(0);
    assertThat(pmIds()).containsEntry("api#1", 5).containsEntry("api#2", 6);
  }

  @Test
  void aPmIdIsATargetOfLogsAndStopAsANameIs() {
    Map<String, Integer> ids = pmIds();

    JpmHarness.Result logs = jpm.run("logs", Integer.toString(ids.get("api#1")), "--nostream").expectExit(0);
    assertThat(logs.out()).contains("api#1 | started api#1").doesNotContain("api#0 |");

    jpm.run("stop", Integer.toString(ids.get("worker#0"))).expectExit(0);
    assertThat(statuses()).containsEntry("worker#0", "stopped").containsEntry("api#0", "online");
  }

  @Test
  void reloadOfOneInstanceReplacesItAloneAndAllOfAnAppRollsTheApp() {
    Map<String, Integer> ids = pmIds();
    long api0 = pids().get("api#0");

    jpm.run("reload", Integer.toString(ids.get("api#1"))).expectExit(0);
    assertThat(restarts()).containsEntry("api#1", 1).containsEntry("api#0", 0);
    assertThat(pids()).containsEntry("api#0", api0);

    jpm.run("gracefulReload", "shop").expectExit(0);
    assertThat(restarts()).containsEntry("api#0", 1).containsEntry("api#1", 2).containsEntry("api-admin#0", 1)
        .containsEntry("worker#0", 0);
    assertThat(pmIds()).isEqualTo(ids);
  }

  private Map<String, Integer> pmIds() {
    Map<String, Integer> ids = new HashMap<>();
    for (JsonNode row : jpm.instances()) ids.put(row.path("id").asString(), row.path("pm_id").asInt());
    return ids;
  }

  private Map<String, String> statuses() {
    Map<String, String> statuses = new HashMap<>();
    for (JsonNode row : jpm.instances()) statuses.put(row.path("id").asString(), row.path("status").asString());
    return statuses;
  }

  private Map<String, Integer> restarts() {
    Map<String, Integer> restarts = new HashMap<>();
    for (JsonNode row : jpm.instances()) restarts.put(row.path("id").asString(), row.path("restarts").asInt());
    return restarts;
  }

  private Map<String, Long> pids() {
    Map<String, Long> pids = new HashMap<>();
    for (JsonNode row : jpm.instances()) pids.put(row.path("id").asString(), row.path("pid").asLong());
    return pids;
  }
}
