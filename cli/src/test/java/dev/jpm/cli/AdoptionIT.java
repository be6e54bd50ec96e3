package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A daemon killed with SIGKILL: the next command's daemon adopts the apps that still run, with their pids, their
 * counters, their log files (not a line lost or doubled across the gap, while an app writes all along) and the
 * cluster front port.
 */
class AdoptionIT {

  /** Numbered lines, as fast as a shell loop goes with a short pause every 50: the pipe fills while no daemon reads. */
  static final String SPEWER = """
      #!/usr/bin/env bash
      i=0
      while true; do
        i=$((i+1))
        echo "line $i"
        if (( i % 50 == 0 )); then sleep 0.01; fi
      done
      """;

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @Test
  void theNextDaemonAdoptsEveryRunningAppAndNoLogLineIsLostOrDoubled() throws Exception {
    int port = freePort();
    Path log = jpm.work.resolve("spew.log");
    Path file = spewSleeperAndCluster(port, log);
    jpm.run("apply", file.toString()).expectExit(0);
    jpm.run("restart", "api").expectExit(0); // a counter that must survive the hand-over
    assertThat(get(port)).startsWith("hello from instance ");
    await().atMost(Duration.ofSeconds(15)).until(() -> lastNumber(log) > 1000);
    Map<String, Long> pids = pids();
    Map<String, Integer> restarts = restarts();
    long daemon = jpm.daemonPid().orElseThrow();
    String environment = jpm.run("env", "api").expectExit(0).out();
    assertThat(environment).contains("ADOPT_MARK: kept");

    ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
    JpmHarness.awaitGone(daemon);
    long writtenBeforeTheGap = lastNumber(log);

    assertThat(pids()).isEqualTo(pids); // the next command starts the new daemon
    assertThat(restarts()).isEqualTo(restarts).containsEntry("api#0", 1);
    assertThat(jpm.daemonPid()).get().isNotEqualTo(daemon);
    assertThat(jpm.run("env", "api").expectExit(0).out()).as("env of an adopted instance").isEqualTo(environment);
    assertThat(pids.values()).allMatch(JpmHarness::alive);
    await().atMost(Duration.ofSeconds(30)).until(() -> get(port).startsWith("hello from instance "));
    await().atMost(Duration.ofSeconds(15)).until(() -> lastNumber(log) > writtenBeforeTheGap + 20_000);
    assertThat(jpm.run("diff", file.toString()).exit()).as("in sync after the hand-over").isZero();
    jpm.run("stop", "spew").expectExit(0); // its log is complete once it stopped

    assertNumberedWithoutGapOrDuplicate(log);
  }

  @Test
  void updateUnderHttpLoadRefusesNoRequestLosesNoLineAndRestartsNothing() throws Exception {
    int port = freePort();
    Path log = jpm.work.resolve("spew.log");
    jpm.run("apply", spewSleeperAndCluster(port, log).toString()).expectExit(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> get(port).startsWith("hello from instance "));
    Map<String, Long> pids = pids();
    long daemon = jpm.daemonPid().orElseThrow();

    // A new connection per request, one after the other, all through the hand-over.
    HttpLoad load = new HttpLoad(() -> {
      String body = get(port);
      return body.startsWith("hello from instance ") ? null : body;
    });
    try (load) {
      load.awaitAnswers(5);
      jpm.run("update").expectExit(0);
      JpmHarness.awaitGone(daemon);
      load.awaitAnswers(5);
    }

    assertThat(load.failures()).as("requests that failed across the update (of %d)", load.answered()).isEmpty();
    assertThat(pids()).isEqualTo(pids);
    assertThat(restarts()).allSatisfy((id, count) -> assertThat(count).as(id).isZero());
    assertThat(Files.exists(jpm.home.resolve("handover.pid"))).as("the old daemon cleaned up").isFalse();
    long written = lastNumber(log);
    await().atMost(Duration.ofSeconds(15)).until(() -> lastNumber(log) > written + 5_000);
    jpm.run("stop", "spew").expectExit(0);
    assertNumberedWithoutGapOrDuplicate(log);
  }

  /** A spewer writing into {@code log}, a sleeper restarted once, and a two-instance cluster app on {@code port}. */
  private Path spewSleeperAndCluster(int port, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    jpm.write("spew.sh", SPEWER);
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
    return jpm.write("ecosystem.yaml", """
        apps:
          - name: spew
            script: spew.sh
            out_file: %s
            min_uptime: 300ms
          - name: api
            script: sleeper.sh
            min_uptime: 300ms
            env:
              ADOPT_MARK: kept
          - name: hello
            script: %s
            interpreter: %s
            exec_mode: cluster
            instances: 2
            port: %d
            host: 127.0.0.1
            min_uptime: 300ms
            listen_timeout: 60s
            ready_pattern: "listening on"
        """.formatted(log, ClusterIT.HELLO, java, port));
  }

  /** The spewer's log holds lines 1..N in order: none lost, none doubled. */
  private static void assertNumberedWithoutGapOrDuplicate(Path log) throws IOException {
    List<Long> numbers = numbers(log);
    assertThat(numbers).isNotEmpty();
    List<String> gaps = new ArrayList<>();
    for (int i = 0; i < numbers.size() && gaps.size() <= 5; i++) {
      if (numbers.get(i) != i + 1) gaps.add("line " + (i + 1) + " of the file is number " + numbers.get(i));
    }
    assertThat(gaps).as("numbered lines 1..%d in order, no gap, no duplicate", numbers.size()).isEmpty();
  }

  private Map<String, Long> pids() {
    Map<String, Long> pids = new TreeMap<>();
    jpm.instances().forEach(row -> pids.put(row.path("id").asString(), row.path("pid").asLong()));
    return pids;
  }

  private Map<String, Integer> restarts() {
    Map<String, Integer> restarts = new TreeMap<>();
    jpm.instances().forEach(row -> restarts.put(row.path("id").asString(), row.path("restarts").asInt()));
    return restarts;
  }

  /** The numbers of the spewer's log lines, in file order. */
  private static List<Long> numbers(Path log) throws IOException {
    List<Long> numbers = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("line ")) numbers.add(Long.parseLong(line.substring(5).strip()));
      else throw new AssertionError("unexpected log line: '" + line + "'");
    }
    return numbers;
  }

  private static long lastNumber(Path log) throws IOException {
    if (!Files.exists(log)) return 0;
    List<String> lines = Files.readAllLines(log);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("line ")) return Long.parseLong(lines.get(i).substring(5).strip());
    }
    return 0;
  }

  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  static String get(int port) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "refused: " + e;
    }
  }
}
