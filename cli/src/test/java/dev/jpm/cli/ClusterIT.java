package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Cluster mode end to end: the real CLI and daemon, the example HTTP server behind jpm's front port. */
class ClusterIT {

  static final Path HELLO = Path.of("..", "examples", "hello-http", "HelloServer.java").toAbsolutePath().normalize();

  @RegisterExtension final JpmHarness jpm = new JpmHarness();
  int port;

  @BeforeEach
  void start() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
  }

  private Path ecosystem(String greeting) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return jpm.write("ecosystem.yaml", """
        apps:
          - name: hello
            script: %s
            interpreter: %s
            exec_mode: cluster
            instances: 2
            port: %d
            host: 127.0.0.1
            min_uptime: 300ms
            listen_timeout: 60s
            drain_timeout: 1s
            ready_pattern: "listening on"
            env:
              GREETING: %s
        """.formatted(HELLO, java, port, greeting));
  }

  @Test
  void applyBalancesReloadReplacesAndShowTellsReadinessAndConnections() throws Exception {
    Path file = ecosystem("hello");
    jpm.run("apply", file.toString()).expectExit(0);
    assertThat(jpm.instance("hello#0").path("readiness").asString()).isEqualTo("ready");
    assertThat(get()).startsWith("hello from instance ");
    long before0 = jpm.pid("hello#0");
    long before1 = jpm.pid("hello#1");
    int pmId0 = jpm.instance("hello#0").path("pm_id").asInt();
    int pmId1 = jpm.instance("hello#1").path("pm_id").asInt();

    assertThat(jpm.run("diff", ecosystem("bonjour").toString()).expectExit(1).out())
        .contains("~ restart hello#0 (env.GREETING changed) [zero-downtime: surge, ready, drain]");
    JpmHarness.Result reload = jpm.run("reload", "hello").expectExit(0);

    assertThat(reload.out()).contains("replaced hello#0", "replaced hello#1");
    assertThat(jpm.pid("hello#0")).isNotIn(before0, before1);
    assertThat(jpm.pid("hello#1")).isNotIn(before0, before1);
    // A surge promoted in an instance's place takes its pm_id, as PM2's reload keeps the pm_id.
    assertThat(jpm.instance("hello#0").path("pm_id").asInt()).isEqualTo(pmId0);
    assertThat(jpm.instance("hello#1").path("pm_id").asInt()).isEqualTo(pmId1);
    assertThat(pmId0).isNotEqualTo(pmId1);
    assertThat(get()).startsWith("hello from instance ");
    assertThat(jpm.run("show", "hello").expectExit(0).out()).contains("readiness", "connections", "balanced by jpm");
  }

  @Test
  void restartDrainsEachInstanceBeforeItsStopSignal() throws Exception {
    jpm.run("apply", ecosystem("hello").toString()).expectExit(0);
    long before0 = jpm.pid("hello#0");
    long before1 = jpm.pid("hello#1");
    // Two idle keep-alive connections, one per instance (round-robin): a drain waits for them up to drain_timeout.
    try (Socket first = keptAlive(); Socket second = keptAlive()) {
      JpmHarness.Result restart = jpm.run("restart", "hello").expectExit(0);

      assertThat(restart.out()).contains("restarted hello#0", "restarted hello#1",
          "hello#0: connections still open after drain_timeout are closed",
          "hello#1: connections still open after drain_timeout are closed");
      assertThat(first.getInputStream().read()).as("closed once drained").isEqualTo(-1);
      assertThat(second.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(jpm.pid("hello#0")).isNotIn(before0, before1);
    assertThat(jpm.pid("hello#1")).isNotIn(before0, before1);
    // restart returns once its instances are online; the last one joins the rotation when its port answers (restart
    // is PM2's verb with downtime; reload is the one that waits for readiness), so the app serves again shortly after.
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get().startsWith("hello from instance "));
  }

  @Test
  void aDaemonKilledMidReloadLeavesNoReplacementBehind() throws Exception {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
    jpm.run("apply", ecosystem("hello").toString()).expectExit(0);
    // The new version never gets ready (it never listens): the reload waits up to listen_timeout with its surge.
    String never = Files.readString(ecosystem("hello")).replace("script: " + HELLO, "script: sleeper.sh")
        .replaceAll(" *interpreter: .*\n", "");
    Path neverReady = jpm.write("never-ready.yaml", never);
    Thread apply = Thread.ofVirtual().start(() -> jpm.run("apply", neverReady.toString()));
    long surge = await().atMost(Duration.ofSeconds(60)).until(this::savedSurgePid, pid -> pid > 0);
    Instant surgeStarted = ProcessHandle.of(surge).orElseThrow().info().startInstant().orElseThrow();
    long daemon = jpm.daemonPid().orElseThrow();
    try {
      ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
      JpmHarness.awaitGone(daemon);
      assertThat(JpmHarness.alive(surge)).as("the killed daemon left its surge running").isTrue();

      assertThat(jpm.instances()).hasSize(2); // a new daemon restores the table
      JpmHarness.awaitGone(surge);
      assertThat(jpm.instances()).hasSize(2).allMatch(node -> JpmHarness.alive(node.path("pid").asLong()));
      assertThat(jpm.daemonPid()).get().isNotEqualTo(daemon);
    } finally {
      ProcessHandle.of(surge).filter(p -> p.info().startInstant().equals(Optional.of(surgeStarted)))
          .ifPresent(ProcessHandle::destroyForcibly);
      apply.join(Duration.ofSeconds(30));
    }
  }

  /** The pid of a surge in the daemon's saved table, 0 while there is none. */
  private long savedSurgePid() throws IOException {
    if (!Files.exists(jpm.home.resolve("state.json"))) return 0;
    JsonNode surges = JsonMapper.shared().readTree(Files.readString(jpm.home.resolve("state.json")))
        .path("apps").path("hello").path("surges");
    return surges.isArray() && !surges.isEmpty() ? surges.get(0).path("pid").asLong() : 0;
  }

  /** A connection through the front port that has had one answer and stays open, idle. */
  private Socket keptAlive() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(30_000);
    socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    int length = 0;
    for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
      if (header.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(header.substring(15).trim());
    }
    for (int i = 0; i < length; i++) in.read();
    return socket;
  }

  @Test
  void reloadOfAnUnknownAppFails() {
    assertThat(jpm.run("reload", "nosuch").exit()).isNotZero();
  }

  private String get() throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }
  }
}
