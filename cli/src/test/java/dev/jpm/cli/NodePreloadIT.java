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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Node apps written for PM2, unchanged, under a real daemon and real Node: a hard-coded listen port in cluster
 * mode, {@code process.send('ready')} for wait_ready, and the {@code shutdown} message on stop.
 */
class NodePreloadIT {

  /**
   * Listens on the port written into its code, as PM2 users' apps do; answers which instance it is. /busy holds the
   * instance 50 ms: while one is busy its sibling accepts the next connection from a shared socket, so concurrent
   * requests reach both (sequential ones may all go to one).
   */
  static final String HARD_CODED_PORT = """
      const http = require('http');
      const server = http.createServer((req, res) => {
        if (req.url === '/busy') { const end = Date.now() + 50; while (Date.now() < end); }
        res.setHeader('Connection', 'close');
        res.end(`instance ${process.env.NODE_APP_INSTANCE} pid ${process.pid} ${process.env.VERSION}\\n`);
      });
      server.listen(%d, () => console.log('listening'));
      process.on('SIGINT', () => server.close(() => process.exit(0)));
      """;

  @RegisterExtension final JpmHarness jpm = new JpmHarness();
  int port;

  @BeforeEach
  void choosePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
  }

  @Test
  void twoInstancesOfAnAppWithAHardCodedPortAnswerThroughTheBalancerAndAReloadUnderLoadKeepsAnswering()
      throws Exception {
    jpm.write("server.js", HARD_CODED_PORT.formatted(port));
    Path file = webCluster("listen_timeout: 20s", "drain_timeout: 2s",
        "socket_activation: false   # this test is about the balancer");

    jpm.run("apply", file.toString()).expectExit(0);

    awaitBothInstancesAnswer("v1");
    List<JsonNode> instances = jpm.instances();
    assertThat(instances).hasSize(2).allSatisfy(row -> {
      assertThat(row.path("status").asString()).isEqualTo("online");
      assertThat(row.path("readiness").asString()).isEqualTo("ready");
      assertThat(row.path("restarts").asInt()).as("no EADDRINUSE crash and restart; %s said:%n%s",
          row.path("id").asString(), Files.readString(Path.of(row.path("err_log").asString()))).isZero();
    });
    long before0 = jpm.pid("web#0");
    long before1 = jpm.pid("web#1");

    applyUnderLoad(version2(file), "replaced web#0", "replaced web#1");

    assertThat(jpm.pid("web#0")).isNotIn(before0, before1);
    assertThat(jpm.pid("web#1")).isNotIn(before0, before1);
    awaitBothInstancesAnswer("v2");
    for (JsonNode row : jpm.instances()) {
      assertThat(row.path("status").asString()).isEqualTo("online");
      assertThat(Files.readString(Path.of(row.path("err_log").asString()))).doesNotContain("EADDRINUSE");
    }
  }

  @Test
  void aClusterAppWithAPortAndNoKeyInheritsOneSocketBothInstancesAcceptFromAndReloadsUnderLoadWithoutAFailure()
      throws Exception {
    jpm.write("server.js", HARD_CODED_PORT.formatted(port));
    Path file = webCluster(); // no socket_activation key: a Node cluster app with a port gets the hand-off

    jpm.run("apply", file.toString()).expectExit(0);

    assertThat(jpm.run("show", "web").expectExit(0).out())
        .contains("127.0.0.1:" + port + " (one socket jpm holds; the instances accept from it)")
        .doesNotContain("balanced by jpm", "connections");
    List<Long> before = List.of(jpm.pid("web#0"), jpm.pid("web#1"));
    assertThat(pidsAnswering("v1")).as("instances that accepted from the one socket")
        .containsExactlyInAnyOrderElementsOf(before);

    applyUnderLoad(version2(file), "replaced web#0", "replaced web#1", "the old one is stopping");

    List<Long> after = List.of(jpm.pid("web#0"), jpm.pid("web#1"));
    assertThat(after).doesNotContainAnyElementsOf(before);
    assertThat(before).noneMatch(JpmHarness::alive);
    assertThat(pidsAnswering("v2")).containsExactlyInAnyOrderElementsOf(after);
  }

  /** What the first apply after the upgrade does to a file the previous build applied: a rolling move to the hand-off. */
  @Test
  void aRunningAppOnTheBalancerMovesToTheInheritedSocketByARollingRestartWithoutAFailedRequest() throws Exception {
    jpm.write("server.js", HARD_CODED_PORT.formatted(port));
    jpm.run("apply", webCluster("socket_activation: false").toString()).expectExit(0);
    assertThat(jpm.run("show", "web").expectExit(0).out()).contains("127.0.0.1:" + port + " (balanced by jpm)");
    List<Long> before = List.of(jpm.pid("web#0"), jpm.pid("web#1"));
    Set<String> frontPort = listeningSockets(port);
    assertThat(frontPort).as("the front port's socket").hasSize(1);

    Path byDefault = webCluster();
    assertThat(jpm.run("diff", byDefault.toString()).out())
        .contains("restart web#0 (socket_activation false → true)", "restart web#1 (socket_activation false → true)");
    applyUnderLoad(byDefault, "replaced web#0", "replaced web#1");

    assertThat(jpm.run("show", "web").expectExit(0).out())
        .contains("127.0.0.1:" + port + " (one socket jpm holds; the instances accept from it)");
    List<Long> after = List.of(jpm.pid("web#0"), jpm.pid("web#1"));
    assertThat(after).doesNotContainAnyElementsOf(before);
    assertThat(pidsAnswering("v1")).containsExactlyInAnyOrderElementsOf(after);
    assertThat(listeningSockets(port)).as("the instances accept from the front port's own socket: it never closed")
        .isEqualTo(frontPort);
  }

  @Test
  void anInstanceOnTheInheritedSocketIsReadyOnlyOnceItListensThere() throws Exception {
    Path trigger = jpm.work.resolve("listen-now");
    jpm.write("server.js", """
        const http = require('http');
        const fs = require('fs');
        const server = http.createServer((req, res) => {
          res.setHeader('Connection', 'close');
          res.end(`late ${process.pid}\\n`);
        });
        console.log('started');
        setTimeout(() => console.log('a second up, not listening'), 1000);
        const poll = setInterval(() => {
          if (!fs.existsSync(process.env.TRIGGER)) return;
          clearInterval(poll);
          server.listen(%d, () => console.log('listening'));
        }, 50);
        process.on('SIGINT', () => server.close(() => process.exit(0)));
        """.formatted(port));
    Path file = jpm.write("ecosystem.yaml", """
        apps:
          - name: late
            script: server.js
            exec_mode: cluster
            instances: 1
            port: %d
            host: 127.0.0.1
            min_uptime: 200ms
            listen_timeout: 60s
            env:
              TRIGGER: %s
        """.formatted(port, trigger));

    applyHeldUntil(file, trigger, apply -> {
      await().atMost(Duration.ofSeconds(30)).until(() -> contains(outLog("late#0"), "a second up, not listening"));

      // Up for five times min_uptime, but its preload has not said it accepts from the socket: not ready yet.
      assertThat(jpm.instance("late#0").path("readiness").asString()).isEqualTo("starting");
      assertThat(apply).isNotDone();
    });
    assertThat(jpm.instance("late#0").path("readiness").asString()).isEqualTo("ready");
    assertThat(jpm.run("show", "late").expectExit(0).out()).contains("one socket jpm holds");
    assertThat(get()).isEqualTo("late " + jpm.pid("late#0") + "\n");
  }

  @Test
  void aOneLinerWithoutAPortLearnsItFromTheAppsListenAndKeepsItAcrossAReloadAndADaemonKill() throws Exception {
    Path script = jpm.write("server.js", HARD_CODED_PORT.formatted(port).replace("${process.env.VERSION}", "v1"));

    // PM2's habit: no port anywhere but in the code.
    jpm.run("start", script.toString(), "--name", "web", "-i", "2").expectExit(0);

    awaitBothInstancesAnswer("v1");
    assertThat(jpm.instances()).hasSize(2).allSatisfy(row ->
        assertThat(row.path("restarts").asInt()).as("no EADDRINUSE crash and restart").isZero());
    assertThat(jpm.run("show", "web").expectExit(0).out())
        .contains("*:" + port + " (learned from the app's listen(), balanced by jpm)");

    // The port is known now: a reload's replacements join the rotation only once they listen.
    HttpLoad load = new HttpLoad(() -> get() != null ? null : "no answer");
    try (load) {
      load.awaitAnswers(5);
      jpm.run("reload", "web").expectExit(0);
      load.awaitAnswers(5);
    }
    assertThat(load.failures()).as("requests that failed during the reload").isEmpty();

    // A new daemon opens the same front port for the adopted instances, though their preloads never told it.
    long daemon = jpm.daemonPid().orElseThrow();
    ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
    JpmHarness.awaitGone(daemon);
    assertThat(get()).as("nothing listens while no daemon runs").isNull();
    jpm.run("ls").expectExit(0);
    awaitBothInstancesAnswer("v1");
  }

  @Test
  void waitReadyHoldsAnEsmAppOutOfRotationUntilItSendsReady() throws Exception {
    Path trigger = jpm.work.resolve("say-ready");
    jpm.write("server.mjs", """
        import http from 'node:http';
        import fs from 'node:fs';
        const server = http.createServer((req, res) => {
          res.setHeader('Connection', 'close');
          res.end(`esm instance ${process.env.NODE_APP_INSTANCE}\\n`);
        });
        server.listen(%d, () => {
          console.log('listening');
          const poll = setInterval(() => {
            if (!fs.existsSync(process.env.TRIGGER)) return;
            clearInterval(poll);
            process.send('ready');
          }, 50);
        });
        process.on('SIGINT', () => server.close(() => process.exit(0)));
        """.formatted(port));
    Path file = jpm.write("ecosystem.yaml", """
        apps:
          - name: esm
            script: server.mjs
            exec_mode: cluster
            instances: 1
            port: %d
            host: 127.0.0.1
            min_uptime: 200ms
            wait_ready: true
            listen_timeout: 60s
            socket_activation: false   # "out of rotation" is the balancer's: with the hand-off the socket accepts
            env:
              TRIGGER: %s
        """.formatted(port, trigger));

    applyHeldUntil(file, trigger, apply -> {
      await().atMost(Duration.ofSeconds(30)).until(() -> contains(outLog("esm#0"), "listening"));
      Path out = outLog("esm#0");

      // It listens (its private port accepts), but has not said ready: not routed, and apply still waits.
      assertThat(Files.readString(out)).contains("listening");
      assertThat(jpm.instance("esm#0").path("readiness").asString()).isEqualTo("starting");
      assertThat(apply).isNotDone();
      assertThat(get()).as("an answer through the front port before ready").isNull();
    });
    assertThat(jpm.instance("esm#0").path("readiness").asString()).isEqualTo("ready");
    assertThat(get()).isEqualTo("esm instance 0\n");
  }

  @Test
  void aReplacementThatNeverSendsReadyFailsTheRolloutAfterListenTimeoutAndTheOldOneKeepsServing() throws Exception {
    jpm.write("server.js", """
        const http = require('http');
        const server = http.createServer((req, res) => {
          res.setHeader('Connection', 'close');
          res.end(`version ${process.env.VERSION}\\n`);
        });
        server.listen(%d, () => { if (process.env.VERSION === 'good') process.send('ready'); });
        process.on('SIGINT', () => server.close(() => process.exit(0)));
        """.formatted(port));
    String ecosystem = """
        apps:
          - name: api
            script: server.js
            exec_mode: cluster
            instances: 1
            port: %d
            host: 127.0.0.1
            min_uptime: 200ms
            wait_ready: true
            listen_timeout: %s
            socket_activation: false   # only the balancer keeps the replacement from answering before ready
            env:
              VERSION: %s
        """;
    jpm.run("apply", jpm.write("good.yaml", ecosystem.formatted(port, "20s", "good")).toString()).expectExit(0);
    long good = jpm.pid("api#0");
    assertThat(get()).isEqualTo("version good\n");

    JpmHarness.Result apply = jpm.run("apply", jpm.write("mute.yaml", ecosystem.formatted(port, "1500ms", "mute"))
        .toString());

    assertThat(apply.exit()).isNotZero();
    assertThat(apply.out() + apply.err()).contains("rollout aborted", "not ready within listen_timeout (1500 ms)",
        "process.send('ready')");
    assertThat(jpm.pid("api#0")).isEqualTo(good);
    assertThat(get()).isEqualTo("version good\n");
  }

  /** Ends on PM2's 'shutdown' message; on SIGINT only when EXIT_ON_SIGINT is yes. Says which it got. */
  static final String POLITE_WORKER = """
      process.on('message', (message) => {
        if (message !== 'shutdown') return;
        console.log('got shutdown');
        process.exit(0);
      });
      process.on('SIGINT', () => {
        console.log('got SIGINT');
        if (process.env.EXIT_ON_SIGINT === 'yes') process.exit(0);
      });
      setInterval(() => {}, 1000);
      process.send('ready');
      """;

  /** The app running {@link #POLITE_WORKER} with the shutdown message, as an item of {@code apps:}; %s: kill_timeout. */
  static final String POLITE_APP = """
        - name: polite
          script: worker.js
          wait_ready: true
          shutdown_with_message: true
          kill_timeout: %s
          min_uptime: 200ms
          env:
            EXIT_ON_SIGINT: "no"
      """;

  @Test
  void anAppTheNextDaemonAdoptedStillGetsTheShutdownMessage() throws Exception {
    jpm.write("worker.js", POLITE_WORKER);
    Path file = jpm.write("ecosystem.yaml", "apps:\n" + POLITE_APP.formatted("30s"));
    jpm.run("apply", file.toString()).expectExit(0);
    Path out = outLog("polite#0");
    long pid = jpm.instance("polite#0").path("pid").asLong();
    long daemon = jpm.daemonPid().orElseThrow();
    ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
    JpmHarness.awaitGone(daemon);

    assertThat(jpm.instance("polite#0").path("pid").asLong()).as("adopted, not restarted").isEqualTo(pid);
    long started = System.nanoTime();
    jpm.run("stop", "polite").expectExit(0);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the message ended it, not kill_timeout's SIGKILL")
        .isLessThan(Duration.ofSeconds(20));
    // No exit code to check: an adopted process is not the new daemon's child, its exit status cannot be read.
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("got shutdown"));
    assertThat(Files.readString(out)).doesNotContain("got SIGINT");
  }

  @Test
  void shutdownWithMessageSendsShutdownInsteadOfSigintWhichStaysTheDefault() throws Exception {
    jpm.write("worker.js", POLITE_WORKER);
    Path file = jpm.write("ecosystem.yaml", "apps:\n" + POLITE_APP.formatted("20s") + """
          - name: plain
            script: worker.js
            wait_ready: true
            kill_timeout: 20s
            min_uptime: 200ms
            env:
              EXIT_ON_SIGINT: "yes"
        """);
    jpm.run("apply", file.toString()).expectExit(0);
    Path politeOut = outLog("polite#0");
    Path plainOut = outLog("plain#0");

    long started = System.nanoTime();
    jpm.run("stop", "polite", "plain").expectExit(0);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("neither waited for kill_timeout")
        .isLessThan(Duration.ofSeconds(15));
    JsonNode polite = jpm.instance("polite#0");
    assertThat(polite.path("status").asString()).isEqualTo("stopped");
    assertThat(polite.path("last_exit_code").asInt(-1)).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(politeOut).contains("got shutdown"));
    assertThat(Files.readString(politeOut)).doesNotContain("got SIGINT");
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(plainOut).contains("got SIGINT"));
    assertThat(Files.readString(plainOut)).doesNotContain("got shutdown");
    assertThat(jpm.instance("plain#0").path("last_exit_code").asInt(-1)).isZero();
  }

  /** Checks made while an apply waits for its app, with that apply. */
  interface WhileHeld {
    void check(CompletableFuture<JpmHarness.Result> apply) throws Exception;
  }

  /**
   * Applies {@code file} in the background, runs {@code whileHeld}, then creates {@code trigger} (which the app waits
   * for to become ready) and expects the apply to succeed; the trigger is created whatever happens, so no apply is
   * left waiting.
   */
  private void applyHeldUntil(Path file, Path trigger, WhileHeld whileHeld) throws Exception {
    CompletableFuture<JpmHarness.Result> apply = CompletableFuture.supplyAsync(() -> jpm.run("apply", file.toString()));
    try {
      whileHeld.check(apply);
      Files.writeString(trigger, "now");
      assertThat(apply.get(30, TimeUnit.SECONDS).exit()).isZero();
    } finally {
      if (!Files.exists(trigger)) Files.writeString(trigger, "now");
      apply.get(60, TimeUnit.SECONDS);
    }
  }

  /** Two instances of server.js named web in cluster mode on the test's port, {@code VERSION: v1}, plus {@code keys}. */
  private Path webCluster(String... keys) throws IOException {
    String extra = Arrays.stream(keys).map(key -> "    " + key + "\n").collect(Collectors.joining());
    return jpm.write("ecosystem.yaml", """
        apps:
          - name: web
            script: server.js
            exec_mode: cluster
            instances: 2
            port: %d
            host: 127.0.0.1
            min_uptime: 300ms
        %s    env:
              VERSION: v1
        """.formatted(port, extra));
  }

  /** {@code file} rewritten with {@code VERSION: v2} for {@code v1}: applying it replaces every instance. */
  private Path version2(Path file) throws IOException {
    return jpm.write("ecosystem.yaml", Files.readString(file).replace("VERSION: v1", "VERSION: v2"));
  }

  /**
   * Applies {@code next} (a rolling replacement) while requests go one after the other; the apply must say {@code
   * progress} and no request may fail.
   */
  private void applyUnderLoad(Path next, String... progress) throws Exception {
    HttpLoad load = new HttpLoad(() -> get() != null ? null : "no answer");
    try (load) {
      load.awaitAnswers(5);
      JpmHarness.Result apply = jpm.run("apply", next.toString()).expectExit(0);
      assertThat(apply.out()).contains(progress);
      load.awaitAnswers(5);
    }
    assertThat(load.failures()).as("requests that failed during the reload").isEmpty();
  }

  /** Requests through the front port until both instances answered with {@code version}. */
  private void awaitBothInstancesAnswer(String version) {
    Set<String> seen = new HashSet<>();
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      String body = get();
      if (body != null && body.endsWith(" " + version + "\n")) seen.add(body.substring(0, body.indexOf(" pid")));
      return seen.equals(Set.of("instance 0", "instance 1"));
    });
  }

  /**
   * The pids that answered batches of eight concurrent /busy requests with {@code version}, once two have (each
   * request on a connection of its own).
   */
  private Set<Long> pidsAnswering(String version) {
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    HttpRequest busy = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/busy"))
        .timeout(Duration.ofSeconds(10)).build();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      try (HttpClient client = HttpClient.newHttpClient()) {
        List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) batch.add(client.sendAsync(busy, HttpResponse.BodyHandlers.ofString()));
        for (CompletableFuture<HttpResponse<String>> answer : batch) {
          String body = answer.join().body().strip(); // "instance N pid P VERSION"
          String[] words = body.split(" ");
          if (words[words.length - 1].equals(version)) seen.add(Long.parseLong(words[3]));
        }
      }
      return seen.size() >= 2;
    });
    return seen;
  }

  /** The instance's stdout file; null while the daemon does not list the instance yet. */
  /** The inodes of the sockets listening on TCP {@code port}, from the kernel's tables ({@code /proc/net/tcp*}). */
  private static Set<String> listeningSockets(int port) throws IOException {
    String local = ":%04X".formatted(port);
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) continue;
      List<String> lines = Files.readAllLines(path);
      for (String line : lines.subList(1, lines.size())) { // after the header
        String[] fields = line.trim().split("\\s+"); // sl local remote st ... uid timeout inode
        if (fields[1].endsWith(local) && fields[3].equals("0A")) inodes.add(fields[9]);
      }
    }
    return inodes;
  }

  private Path outLog(String id) {
    return jpm.instances().stream().filter(row -> row.path("id").asString().equals(id)).findFirst()
        .map(row -> row.path("out_log").asString(null)).map(Path::of).orElse(null);
  }

  private static boolean contains(Path log, String text) throws IOException {
    return log != null && Files.exists(log) && Files.readString(log).contains(text);
  }

  private HttpRequest request() {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(10))
        .build();
  }

  /** The body of one GET through the front port; null when no answer came. */
  private String get() throws InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response = client.send(request(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException noAnswer) {
      return null;
    }
  }
}
