package dev.jpm.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.Traffic;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code socket_activation: true} with real processes: the daemon listens on the app's port once, every instance
 * inherits that socket as fd 3 and accepts from it (answers name the pid, so several instances are seen answering),
 * and a reload under continuous requests fails none, with no front port of jpm's. Two apps: a Python server that
 * speaks systemd's protocol itself (it refuses to run unless {@code LISTEN_FDS=1} and {@code LISTEN_PID} is its own
 * pid), and a Node server with a hard-coded {@code listen(PORT)} that jpm's preload moves onto the inherited socket.
 */
class SocketActivationIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** A single-threaded HTTP/1.0 server on the inherited socket; /busy holds it 50 ms, so a sibling must accept. */
  private static final String PYTHON_SERVER = """
      import os, signal, socket, sys, threading, time
      from http.server import HTTPServer, BaseHTTPRequestHandler
      if os.environ.get('LISTEN_FDS') != '1' or os.environ.get('LISTEN_PID') != str(os.getpid()):
          sys.exit('not socket-activated: LISTEN_FDS=%s LISTEN_PID=%s pid=%d' % (
              os.environ.get('LISTEN_FDS'), os.environ.get('LISTEN_PID'), os.getpid()))
      greeting = '%s %s %d' % (os.environ.get('GREETING', 'hello'), os.environ.get('NODE_APP_INSTANCE', '0'),
                               os.getpid())
      class Handler(BaseHTTPRequestHandler):
          def do_GET(self):
              if self.path == '/busy':
                  time.sleep(0.05)
              body = (greeting + '\\n').encode()
              self.send_response(200)
              self.send_header('Content-Length', str(len(body)))
              # HTTP/1.0 closes after each answer; saying so keeps a pooling client from reusing the connection.
              self.send_header('Connection', 'close')
              self.end_headers()
              self.wfile.write(body)
          def log_message(self, *args):
              pass
      server = HTTPServer(('', 0), Handler, bind_and_activate=False)
      server.socket.close()
      server.socket = socket.socket(fileno=3)
      # Non-blocking: a sibling that accepted first must not leave this one stuck in accept() when it is told to stop.
      server.socket.setblocking(False)
      signal.signal(signal.SIGINT, lambda *a: threading.Thread(target=server.shutdown).start())
      print('listening on ' + os.environ.get('LISTEN_FDNAMES', '?'), flush=True)
      server.serve_forever(poll_interval=0.05)
      """;

  /** Written for a fixed port, as PM2 users do; graceful as bench/cluster.sh's server. /busy blocks 50 ms. */
  private static final String NODE_SERVER = """
      const http = require('http');
      const greeting = (process.env.GREETING || 'hello') + ' ' + (process.env.NODE_APP_INSTANCE || '0') + ' '
          + process.pid;
      let stopping = false;
      const server = http.createServer((req, res) => {
        if (req.url === '/busy') { const end = Date.now() + 50; while (Date.now() < end); }
        if (stopping) res.setHeader('Connection', 'close');
        res.end(greeting + '\\n');
      });
      server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
      process.on('SIGINT', () => {
        stopping = true;
        setTimeout(() => server.close(() => process.exit(0)), 500).unref();
        setTimeout(() => process.exit(0), 3000).unref();
      });
      """;

  @RegisterExtension final TrafficFixture fx = new TrafficFixture();
  @TempDir Path temp;
  private int port;

  @BeforeEach
  void pickPort() throws IOException {
    port = TrafficFixture.freePort();
  }

  @Test
  void aPythonAppOnListenFdsSharesTheSocketAcrossInstancesAndReloadsWithoutAFailedRequest() throws Exception {
    Path script = Files.writeString(temp.resolve("server.py"), PYTHON_SERVER);
    sharesTheSocketAndReloadsUnderLoad(List.of("python3", script.toString()));
  }

  @Test
  void aNodeAppsHardCodedListenMovesOntoTheInheritedSocketAndReloadsWithoutAFailedRequest() throws Exception {
    Path script = Files.writeString(temp.resolve("server.js"), NODE_SERVER);
    sharesTheSocketAndReloadsUnderLoad(List.of("node", script.toString()));
  }

  @Test
  void aDaemonThatAdoptedTheInstancesTakesBackTheirSocketAndReloadsThemWithoutAFailedRequest() throws Exception {
    Path script = Files.writeString(temp.resolve("server.py"), PYTHON_SERVER);
    AppSpec api = TrafficFixture.app("api", List.of("python3", script.toString()), 2, port, Map.of(), inherited());
    assertThat(fx.apply(api).failures()).isEmpty();
    List<Long> before = pids();

    // The port cannot be bound again while the adopted instances hold it: the new daemon takes their socket.
    fx.restartDaemon(fx.supervisor.observe());
    assertThat(pids()).as("adopted").isEqualTo(before);
    try (LoadLoop load = new LoadLoop(port).start()) {
      awaitRequests(load, 20);
      Reconciler.Outcome outcome = fx.reconciler.restart("api", "reload", fx.progress::add);
      awaitRequests(load, load.succeeded() + 20);
      load.close();
      assertThat(outcome.failures()).isEmpty();
      assertThat(load.failures()).as("failed requests during the reload").isEmpty();
    }
    assertThat(pids()).hasSize(2).doesNotContainAnyElementsOf(before);
    assertThat(answeringPids()).containsExactlyInAnyOrderElementsOf(pids());
  }

  private void sharesTheSocketAndReloadsUnderLoad(List<String> command) throws Exception {
    AppSpec api = TrafficFixture.app("api", command, 2, port, Map.of("GREETING", "v1"), inherited());
    assertThat(fx.apply(api).failures()).isEmpty();
    assertThat(fx.router.balancer().apps()).as("no front port of jpm's").isEmpty();
    List<Long> before = pids();

    Set<Long> answered = answeringPids();
    assertThat(answered).as("instances that accepted from the one socket").hasSize(2)
        .containsExactlyInAnyOrderElementsOf(before);

    Reconciler.Outcome outcome;
    try (LoadLoop load = new LoadLoop(port).start()) {
      awaitRequests(load, 20);
      outcome = fx.reconciler.restart("api", "reload", fx.progress::add);
      awaitRequests(load, load.succeeded() + 20);
      load.close();
      assertThat(load.failures()).as("failed requests during the reload").isEmpty();
    }
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.plan().lines())
        .allMatch(line -> line.endsWith("[surge, ready, then stop: one inherited socket, no drain]"));
    assertThat(pids()).hasSize(2).doesNotContainAnyElementsOf(before);
    // The old processes stopped beside the next replacement, but the reload returned only once they were gone.
    assertThat(fx.progress)
        .anyMatch(line -> line.startsWith("replaced api#0") && line.endsWith("the old one is stopping)"));
    assertThat(before).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertThat(fx.supervisor.observe().apps().get("api").surges()).isEmpty();
    assertThat(answeringPids()).containsExactlyInAnyOrderElementsOf(pids());
  }

  private static Traffic inherited() {
    return new Traffic("127.0.0.1", false, null, "listening on", 1, 0, 1000, false, false, true);
  }

  /**
   * The pids that answer batches of concurrent requests, each on its own connection, until both instances have
   * answered: a busy instance cannot accept, so its sibling takes the next connection from the shared queue.
   */
  private Set<Long> answeringPids() {
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    await().atMost(PATIENCE).until(() -> {
      List<Thread> batch = new ArrayList<>();
      for (int i = 0; i < 8; i++) batch.add(Thread.ofVirtual().start(() -> seen.add(pidAnswering())));
      for (Thread thread : batch) thread.join();
      return seen.size() >= 2;
    });
    return seen;
  }

  /** One HTTP/1.0 request on a connection of its own: the pid in the answer ("GREETING instance pid"). */
  private long pidAnswering() {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("GET /busy HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      String[] words = answer.strip().split("\\s+");
      return Long.parseLong(words[words.length - 1]);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<Long> pids() {
    return fx.supervisor.observe().apps().get("api").instances().stream().map(ProcessRecord::pid).toList();
  }

  private static void awaitRequests(LoadLoop load, int count) {
    await().atMost(PATIENCE).until(() -> load.succeeded() >= count || !load.failures().isEmpty());
  }
}
