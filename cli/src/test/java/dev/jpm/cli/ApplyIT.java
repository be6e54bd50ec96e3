package dev.jpm.cli;

import static dev.jpm.cli.JpmHarness.alive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.extension.RegisterExtension;

/** apply and diff end to end: the real CLI, a real daemon on a temporary JPM_HOME, real child processes. */
class ApplyIT {

  static final String SLEEPER = """
      #!/usr/bin/env bash
      trap 'echo "stopping $JPM_APP#$NODE_APP_INSTANCE"; exit 0' INT TERM
      echo "started $JPM_APP#$NODE_APP_INSTANCE greeting=$GREETING"
      while true; do sleep 1 & wait $!; done
      """;

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @BeforeEach
  void start() throws IOException {
    jpm.write("sleeper.sh", SLEEPER);
  }

  private Path ecosystem(String apps) throws IOException {
    return jpm.write("ecosystem.yaml", "apps:\n" + apps);
  }

  private static String web(int instances, String greeting, int maxRestarts) {
    return """
          - name: web
            script: sleeper.sh
            instances: %d
            min_uptime: 300ms
            max_restarts: %d
            env:
              GREETING: %s
        """.formatted(instances, maxRestarts, greeting);
  }

  @Test
  void aScaleDownOfTheSameFileRecordsTheNewCountSoDiffIsThenEmpty() throws IOException {
    jpm.run("apply", ecosystem(web(3, "hello", 16)).toString()).expectExit(0);
    Path file = ecosystem(web(2, "hello", 16)); // the same path: no other change carries the new count

    assertThat(jpm.run("apply", file.toString()).expectExit(0).out()).contains("- remove web#2 (instances 3 → 2)");

    assertThat(jpm.instances()).hasSize(2);
    assertThat(jpm.run("diff", file.toString()).expectExit(0).out()).contains("in sync");
  }

  @Test
  void applyStartsEveryInstanceAndDiffIsThenEmpty() throws IOException {
    Path file = ecosystem(web(2, "hello", 16));

    JpmHarness.Result apply = jpm.run("apply", file.toString()).expectExit(0);

    assertThat(apply.out()).contains("+ start web#0 (new app)", "+ start web#1 (new app)");
    assertThat(jpm.status("web#0")).isEqualTo("online");
    assertThat(jpm.status("web#1")).isEqualTo("online");
    assertThat(jpm.run("diff", file.toString()).expectExit(0).out()).contains("in sync");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(jpm.home.resolve("logs/web-out-1.log")).content().contains("started web#1 greeting=hello"));
  }

  @Test
  void anEnvChangeRestartsEachInstanceAndNothingElse() throws IOException {
    Path file = ecosystem(web(2, "hello", 16));
    jpm.run("apply", file.toString()).expectExit(0);
    long before0 = jpm.pid("web#0");
    long before1 = jpm.pid("web#1");

    ecosystem(web(2, "bonjour", 16));
    JpmHarness.Result diff = jpm.run("diff", file.toString()).expectExit(1);
    assertThat(diff.out()).contains("~ restart web#0 (env.GREETING changed) [rolling: capacity −1]",
        "~ restart web#1 (env.GREETING changed) [rolling: capacity −1]");
    jpm.run("apply", file.toString()).expectExit(0);

    assertThat(jpm.pid("web#0")).isNotIn(before0, 0L);
    assertThat(jpm.pid("web#1")).isNotIn(before1, 0L);
    JpmHarness.awaitGone(before0);
    JpmHarness.awaitGone(before1);
    jpm.run("diff", file.toString()).expectExit(0);
  }

  @Test
  void aSupervisionOnlyChangeIsAppliedInPlace() throws IOException {
    Path file = ecosystem(web(1, "hello", 16));
    jpm.run("apply", file.toString()).expectExit(0);
    long before = jpm.pid("web#0");

    ecosystem(web(1, "hello", 5));
    assertThat(jpm.run("diff", file.toString()).expectExit(1).out())
        .contains("= update web (max_restarts 16 → 5, no restart)");
    jpm.run("apply", file.toString()).expectExit(0);

    assertThat(jpm.pid("web#0")).isEqualTo(before);
    assertThat(jpm.run("show", "web").expectExit(0).out()).containsPattern("max_restarts\\s+5");
  }

  @Test
  void scalingStartsAndRemovesOnlyTheInstancesConcerned() throws IOException {
    Path file = ecosystem(web(2, "hello", 16));
    jpm.run("apply", file.toString()).expectExit(0);
    long first = jpm.pid("web#0");
    long second = jpm.pid("web#1");

    ecosystem(web(3, "hello", 16));
    assertThat(jpm.run("apply", file.toString()).expectExit(0).out()).contains("+ start web#2 (instances 2 → 3)");
    assertThat(List.of(jpm.pid("web#0"), jpm.pid("web#1"))).containsExactly(first, second);
    long third = jpm.pid("web#2");

    jpm.run("scale", "web", "-2").expectExit(0);
    assertThat(jpm.instances()).extracting(r -> r.path("id").asString()).containsExactly("web#0");
    assertThat(jpm.pid("web#0")).isEqualTo(first);
    JpmHarness.awaitGone(second);
    JpmHarness.awaitGone(third);
  }

  @Test
  void pruneDeletesOnlyAppsThisFileAppliedAndNoLongerLists() throws IOException {
    Path file = ecosystem(web(1, "hello", 16) + """
          - name: old
            script: sleeper.sh
            min_uptime: 300ms
        """);
    Path other = jpm.write("other.yaml", """
        apps:
          - name: neighbour
            script: sleeper.sh
            min_uptime: 300ms
        """);
    jpm.run("apply", file.toString()).expectExit(0);
    jpm.run("apply", other.toString()).expectExit(0);
    jpm.run("start", jpm.work.resolve("sleeper.sh").toString(), "--name", "by-hand").expectExit(0);
    long old = jpm.pid("old#0");

    ecosystem(web(1, "hello", 16));
    assertThat(jpm.run("apply", file.toString()).expectExit(0).out()).contains("! old is no longer in ecosystem.yaml");
    assertThat(jpm.status("old#0")).isEqualTo("online");
    assertThat(jpm.run("diff", file.toString(), "--prune").expectExit(1).out())
        .contains("- delete old (not in file; --prune)").doesNotContain("neighbour", "by-hand");
    jpm.run("apply", file.toString(), "--prune").expectExit(0);

    assertThat(jpm.instances()).extracting(r -> r.path("id").asString())
        .containsExactlyInAnyOrder("web#0", "neighbour#0", "by-hand#0");
    JpmHarness.awaitGone(old);
  }

  @Test
  void anInvalidFileIsReportedWithoutStartingADaemon() throws IOException {
    Path file = ecosystem("""
          - name: web
            script: sleeper.sh
            instances: "lots"
        """);

    for (String verb : List.of("apply", "diff", "start")) {
      JpmHarness.Result refused = jpm.run(verb, file.toString()).expectExit(3);
      assertThat(refused.err()).as(verb).contains(file + ":", "app \"web\"", "instances", "nothing was changed");
    }

    // The CLI read the file: no daemon was needed to refuse it, so none was started.
    assertThat(jpm.daemonPid()).isEmpty();
    assertThat(jpm.home.resolve("jpm.sock")).doesNotExist();
  }

  @Test
  void anInvalidFileChangesNothingAndSaysWhere() throws IOException {
    Path file = ecosystem(web(1, "hello", 16));
    jpm.run("apply", file.toString()).expectExit(0);
    long before = jpm.pid("web#0");

    ecosystem(web(1, "changed", 16) + """
          - name: broken
            script: sleeper.sh
            max_restart: 3
        """);
    JpmHarness.Result apply = jpm.run("apply", file.toString()).expectExit(3);

    assertThat(apply.err()).contains(file + ":").contains("max_restart").contains("did you mean max_restarts");
    assertThat(jpm.pid("web#0")).isEqualTo(before);
    assertThat(jpm.instances()).noneMatch(r -> r.path("name").asString().equals("broken"));
    jpm.run("diff", file.toString()).expectExit(3);
    jpm.run("validate", file.toString()).expectExit(3);
  }

  @Test
  void anAppThatCrashLoopsEndsErroredAndApplyFails() throws IOException {
    jpm.write("crash.sh", "echo boom >&2\nexit 3\n");
    Path file = ecosystem("""
          - name: crasher
            script: crash.sh
            min_uptime: 500ms
            max_restarts: 3
        """);

    JpmHarness.Result apply = jpm.run("apply", file.toString()).expectExit(1);

    assertThat(apply.err()).contains("crasher#0 is errored");
    assertThat(jpm.status("crasher#0")).isEqualTo("errored");
    assertThat(jpm.instance("crasher#0").path("last_exit_code").asInt()).isEqualTo(3);
    // PM2's rule: the third unstable exit reaches max_restarts and is not restarted, so two restarts happened.
    assertThat(jpm.instance("crasher#0").path("restarts").asInt()).isEqualTo(2);
  }

  @Test
  void stopReturnsOnlyWhenTheWholeTreeIsGone() throws IOException {
    jpm.write("parent.sh", """
        trap '' INT
        bash -c 'trap "" INT TERM; echo $$ > grandchild.pid; while true; do sleep 1; done' &
        while true; do sleep 1 & wait $!; done
        """);
    Path file = ecosystem("""
          - name: tree
            script: parent.sh
            min_uptime: 300ms
            kill_timeout: 500ms
        """);
    jpm.run("apply", file.toString()).expectExit(0);
    long parent = jpm.pid("tree#0");
    Path grandchildPidFile = jpm.work.resolve("grandchild.pid");
    await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.exists(grandchildPidFile)
        && !java.nio.file.Files.readString(grandchildPidFile).isBlank());
    long grandchild = Long.parseLong(java.nio.file.Files.readString(grandchildPidFile).trim());
    assertThat(alive(grandchild)).isTrue();

    jpm.run("stop", "tree").expectExit(0);

    assertThat(alive(parent)).isFalse();
    assertThat(alive(grandchild)).isFalse();
    assertThat(jpm.status("tree#0")).isEqualTo("stopped");
  }

  @Test
  void onlyLimitsThePlanAndJsonShowsItToScripts() throws IOException {
    Path file = ecosystem(web(1, "hello", 16) + """
          - name: jobs
            script: sleeper.sh
            min_uptime: 300ms
        """);

    JpmHarness.Result diff = jpm.run("diff", file.toString(), "--only", "jobs", "--json").expectExit(1);
    assertThat(JsonMapper.shared().readTree(diff.out()).path("lines").toString()).contains("+ start jobs#0 (new app)")
        .doesNotContain("web");
    jpm.run("apply", file.toString(), "--only", "jobs").expectExit(0);

    assertThat(jpm.instances()).extracting(r -> r.path("id").asString()).containsExactly("jobs#0");
    JsonNode show = JsonMapper.shared().readTree(jpm.run("show", "jobs", "--json").expectExit(0).out());
    assertThat(show.path("spec").path("name").asString()).isEqualTo("jobs");
    assertThat(show.path("instances").get(0).path("status").asString()).isEqualTo("online");
  }

  @Test
  void validateJsonListsEveryProblemWithItsPlace() throws IOException {
    Path file = ecosystem("""
          - name: one
            script: missing.sh
          - name: two
            script: sleeper.sh
            instances: "lots"
        """);

    JsonNode verdict = JsonMapper.shared().readTree(jpm.run("validate", file.toString(), "--json").expectExit(3).out());

    assertThat(verdict.path("valid").asBoolean()).isFalse();
    assertThat(verdict.path("errors").toString()).contains(file + ":3:", "app \\\"one\\\"", file + ":6:");
  }

  @Test
  void theOneLinerStartsAScriptWithItsArguments() throws IOException {
    jpm.write("echo-args.sh", "echo \"args: $*\"\nexec bash " + jpm.work.resolve("sleeper.sh") + "\n");

    jpm.run("start", jpm.work.resolve("echo-args.sh").toString(), "--name", "echoer", "-i", "2", "--", "--port", "80")
        .expectExit(0);

    assertThat(jpm.instances()).extracting(r -> r.path("id").asString()).containsExactly("echoer#0", "echoer#1");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(jpm.home.resolve("logs/echoer-out-1.log")).content().contains("args: --port 80"));
  }

  @Test
  void anOnlyNamingNoAppOfTheFileIsAnErrorNotInSync() throws IOException {
    Path file = ecosystem(web(1, "hello", 16));

    for (String verb : List.of("apply", "diff")) {
      assertThat(jpm.run(verb, file.toString(), "--only", "wbe").expectExit(2).err()).as(verb)
          .contains("--only wbe: the file has no app named so (its apps: web)");
    }
    assertThat(jpm.daemonPid()).isEmpty();
  }

  @Test
  void aHomeTooLongForASocketIsSaidPlainly() throws IOException {
    Path file = ecosystem(web(1, "hello", 16));
    jpm.setEnv("JPM_HOME", jpm.home.resolve("x".repeat(120)).toString());

    assertThat(jpm.run("apply", file.toString()).expectExit(2).err())
        .contains("is too long for the daemon's Unix socket", "set a shorter JPM_HOME").doesNotContain("Exception");
  }

  @Test
  void showAndEnvMaskSecretLookingAndDeclaredSecretValuesUnlessAsked() throws IOException {
    Path file = ecosystem("""
          - name: web
            script: sleeper.sh
            min_uptime: 300ms
            env:
              DB_PASSWORD: s3cr3t-value
              DATABASE_URL: postgres://app:pw@db/app
              GREETING: hello
            secret_env: [DATABASE_URL]
        """);
    jpm.run("apply", file.toString()).expectExit(0);

    assertThat(jpm.run("show", "web").expectExit(0).out()).contains("hello")
        .doesNotContain("s3cr3t-value", "postgres://");
    assertThat(jpm.run("show", "web", "--json").expectExit(0).out()).contains("hello")
        .doesNotContain("s3cr3t-value", "postgres://");
    assertThat(jpm.run("env", "web#0").expectExit(0).out()).contains("GREETING: hello")
        .doesNotContain("s3cr3t-value", "postgres://");
    assertThat(jpm.run("show", "web", "--show-secrets").expectExit(0).out())
        .contains("s3cr3t-value", "postgres://app:pw@db/app");
  }
}
