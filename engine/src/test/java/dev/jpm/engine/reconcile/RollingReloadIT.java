package dev.jpm.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.HealthCheck;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.Traffic;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real HTTP servers behind the real balancer, clients in a loop (keep-alive and one connection per request) while
 * the app is reloaded, re-applied with another env, scaled up and down: not one request may fail. A replacement that
 * exits or never gets ready aborts the rollout and leaves the old processes serving.
 */
class RollingReloadIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension final TrafficFixture fx = new TrafficFixture();
  private int port;

  @BeforeEach
  void pickFrontPort() throws IOException {
    port = TrafficFixture.freePort();
  }

  @Test
  void reloadReplacesEveryProcessWithoutAFailedRequest() throws Exception {
    AppSpec api = TrafficFixture.app("api", 2, port, Map.of("GREETING", "v1"), TrafficFixture.traffic());
    assertThat(fx.apply(api).failures()).isEmpty();
    List<Long> before = pids();

    Reconciler.Outcome outcome;
    try (LoadLoop load = new LoadLoop(port).start()) {
      awaitRequests(load, 20);
      outcome = fx.reconciler.restart("api", "reload", fx.progress::add);
      int atReload = load.succeeded();
      awaitRequests(load, atReload + 20);
      load.close();
      assertThat(load.failures()).as("failed requests during reload").isEmpty();
    }

    assertThat(outcome.failures()).isEmpty();
    assertThat(pids()).doesNotContainAnyElementsOf(before).hasSize(2);
    assertThat(fx.supervisor.surges()).isEmpty();
  }

  @Test
  void maxSurgeTwoReplacesTwoInstancesAtOnceWithoutAFailedRequest() throws Exception {
    Traffic twoAtOnce = new Traffic("127.0.0.1", false, null, null, 2, 0, 1500, false);
    assertThat(fx.apply(TrafficFixture.app("api", 4, port, Map.of("GREETING", "v1"), twoAtOnce)).failures())
        .isEmpty();
    List<Long> before = pids();

    Reconciler.Outcome outcome;
    try (LoadLoop load = new LoadLoop(port).start()) {
      awaitRequests(load, 20);
      outcome = fx.apply(TrafficFixture.app("api", 4, port, Map.of("GREETING", "v2"), twoAtOnce));
      awaitRequests(load, load.succeeded() + 20);
      load.close();
      assertThat(load.failures()).as("failed requests during a reload with max_surge 2").isEmpty();
      assertThat(load.recentBodies()).isNotEmpty().allMatch(body -> body.startsWith("v2 "));
    }

    assertThat(outcome.failures()).isEmpty();
    assertThat(pids()).hasSize(4).doesNotContainAnyElementsOf(before);
    assertThat(fx.supervisor.surges()).isEmpty();
    List<String> lines = List.copyOf(fx.progress);
    // Two replacements started before either was done; a third only once one of them was.
    assertThat(indexOf(lines, "started a replacement of api#1")).isLessThan(indexOf(lines, "replaced api#0"));
    assertThat(indexOf(lines, "started a replacement of api#2"))
        .isGreaterThan(Math.min(indexOf(lines, "replaced api#0"), indexOf(lines, "replaced api#1")));
    assertThat(indexOf(lines, "started a replacement of api#3")).isGreaterThan(secondReplaced(lines));
  }

  private static int secondReplaced(List<String> lines) {
    int seen = 0;
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("replaced ") && ++seen == 2) return i;
    throw new AssertionError("fewer than two replacements done in " + lines);
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
    throw new AssertionError("no progress line starts with " + prefix + " in " + lines);
  }

  @Test
  void applyOfAChangedEnvRollsWithoutAFailedRequest() throws Exception {
    assertThat(fx.apply(TrafficFixture.app("api", 2, port, Map.of("GREETING", "v1"), TrafficFixture.traffic()))
        .failures()).isEmpty();

    try (LoadLoop load = new LoadLoop(port).start()) {
      awaitRequests(load, 20);
      Reconciler.Outcome outcome =
          fx.apply(TrafficFixture.app("api", 2, port, Map.of("GREETING", "v2"), TrafficFixture.traffic()));
      assertThat(outcome.failures()).isEmpty();
      int atApply = load.succeeded();
      awaitRequests(load, atApply + 20);
      load.close();
      assertThat(load.failures()).as("failed requests during apply").isEmpty();
      assertThat(load.recentBodies()).isNotEmpty().allMatch(body -> body.startsWith("v2 "));
    }
  }

  @Test
  void scaleUpAndDownWithoutAFailedRequest() throws Exception {
    assertThat(fx.apply(TrafficFixture.app("api", 1, port, Map.of(), TrafficFixture.traffic())).failures()).isEmpty();
    long first = pids().getFirst();

    try (LoadLoop load = new LoadLoop(port).start()) {
      awaitRequests(load, 20);
      assertThat(fx.apply(TrafficFixture.app("api", 3, port, Map.of(), TrafficFixture.traffic())).failures())
          .isEmpty();
      assertThat(fx.router.balancer().view("api").orElseThrow().inRotation()).hasSize(3);
      awaitRequests(load, load.succeeded() + 30);
      assertThat(fx.apply(TrafficFixture.app("api", 1, port, Map.of(), TrafficFixture.traffic())).failures())
          .isEmpty();
      awaitRequests(load, load.succeeded() + 20);
      load.close();
      assertThat(load.failures()).as("failed requests during scale").isEmpty();
    }
    assertThat(pids()).containsExactly(first);
  }

  @Test
  void aReplacementThatExitsAbortsAndTheOldProcessesKeepServing() throws Exception {
    assertThat(fx.apply(TrafficFixture.app("api", 2, port, Map.of("GREETING", "v1"), TrafficFixture.traffic()))
        .failures()).isEmpty();
    List<Long> before = pids();

    try (LoadLoop load = new LoadLoop(port).start()) {
      awaitRequests(load, 10);
      Reconciler.Outcome outcome = fx.apply(
          TrafficFixture.app("api", 2, port, Map.of("GREETING", "v2", "EXIT_CODE", "3"), TrafficFixture.traffic()));
      awaitRequests(load, load.succeeded() + 10);
      load.close();
      assertThat(outcome.failures()).singleElement().asString()
          .contains("rollout aborted", "api#0", "keep serving");
      assertThat(load.failures()).isEmpty();
      assertThat(load.recentBodies()).allMatch(body -> body.startsWith("v1 "));
    }
    assertThat(pids()).isEqualTo(before);
    assertThat(fx.supervisor.surges()).isEmpty();
    assertThat(fx.router.degraded("api")).get().asString().contains("rollout aborted");
  }

  @Test
  void aReplacementThatNeverGetsReadyAbortsWithinListenTimeout() throws Exception {
    assertThat(fx.apply(TrafficFixture.app("api", 1, port, Map.of("GREETING", "v1"), TrafficFixture.traffic()))
        .failures()).isEmpty();
    List<Long> before = pids();

    Reconciler.Outcome outcome = fx.apply(TrafficFixture.app("api", 1, port,
        Map.of("GREETING", "v2", "START_DELAY_MS", "600000"), TrafficFixture.traffic()));

    assertThat(outcome.failures()).singleElement().asString().contains("not ready within listen_timeout");
    assertThat(pids()).isEqualTo(before);
    try (LoadLoop load = new LoadLoop(port).start()) {
      awaitRequests(load, 5);
      load.close();
      assertThat(load.recentBodies()).allMatch(body -> body.startsWith("v1 "));
    }
  }

  @Test
  void aFailingHealthCheckTakesTheInstanceOutOfRotationAndItComesBack() throws Exception {
    HealthCheck check = new HealthCheck(HealthCheck.Type.HTTP, "/health", null, 100, 500, 1, 2, 0);
    AppSpec api = TrafficFixture.app("api", 2, port, Map.of(), TrafficFixture.withHealth(check));
    assertThat(fx.apply(api).failures()).isEmpty();
    assertThat(fx.router.balancer().view("api").orElseThrow().inRotation()).hasSize(2);
    ProcessRecord first = fx.supervisor.observe().apps().get("api").instances().getFirst();

    // Pause the first process: its checks time out, it leaves the rotation; resumed, it comes back.
    ProcessHandle.of(first.pid()).orElseThrow();
    new ProcessBuilder("kill", "-STOP", Long.toString(first.pid())).start().waitFor();
    try {
      await().atMost(PATIENCE).until(() -> fx.router.balancer().view("api").orElseThrow().inRotation().size() == 1);
      try (LoadLoop load = new LoadLoop(port).start()) {
        awaitRequests(load, 20);
        load.close();
        assertThat(load.failures()).isEmpty();
      }
    } finally {
      new ProcessBuilder("kill", "-CONT", Long.toString(first.pid())).start().waitFor();
    }
    await().atMost(PATIENCE).until(() -> fx.router.balancer().view("api").orElseThrow().inRotation().size() == 2);
  }

  @Test
  void withReusePortTheInstancesShareThePortAndAReloadReplacesThem() throws Exception {
    Traffic shared = new Traffic(null, false, null, "listening on", 1, 0, 1000, true);
    assertThat(fx.apply(TrafficFixture.app("api", 2, port, Map.of("GREETING", "v1"), shared)).failures()).isEmpty();
    assertThat(fx.router.balancer().apps()).as("no front port of jpm's").isEmpty();
    List<Long> before = pids();

    Reconciler.Outcome outcome = fx.reconciler.restart("api", "reload", fx.progress::add);

    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.plan().lines()).allMatch(line -> line.endsWith("[surge, ready, then stop: reuse_port, no drain]"));
    assertThat(pids()).hasSize(2).doesNotContainAnyElementsOf(before);
    try (LoadLoop load = new LoadLoop(port).start()) {
      awaitRequests(load, 20);
      load.close();
      assertThat(load.failures()).isEmpty();
      assertThat(load.recentBodies()).allMatch(body -> body.startsWith("v1 "));
    }
  }

  private List<Long> pids() {
    return fx.supervisor.observe().apps().get("api").instances().stream().map(ProcessRecord::pid).toList();
  }

  private static void awaitRequests(LoadLoop load, int count) {
    await().atMost(PATIENCE).until(() -> load.succeeded() >= count || !load.failures().isEmpty());
  }
}
