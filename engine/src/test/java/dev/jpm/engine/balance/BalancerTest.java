package dev.jpm.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.InstanceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real sockets on loopback: small backends that answer with their name, the balancer in front of them. */
class BalancerTest {

  private final Balancer balancer = new Balancer();
  private final List<ServerSocket> backends = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    balancer.close();
    for (ServerSocket server : backends) server.close();
  }

  @Test
  void newConnectionsGoRoundRobinToAdmittedBackends() throws IOException {
    int a = backend("a", null);
    int b = backend("b", null);
    int front = front(false);
    balancer.admit("api", new InstanceId("api", 0), 100, a);
    balancer.admit("api", new InstanceId("api", 1), 101, b);

    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) answers.add(request(front, "hi"));

    assertThat(answers).containsOnly("a:hi", "b:hi");
    assertThat(answers.stream().filter("a:hi"::equals).count()).isEqualTo(2);
  }

  @Test
  void aBackendThatRefusesIsSkippedBeforeTheClientSeesAnything() throws IOException {
    int dead;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = closed.getLocalPort();
    }
    int alive = backend("alive", null);
    int front = front(false);
    balancer.admit("api", new InstanceId("api", 0), 100, dead);
    balancer.admit("api", new InstanceId("api", 1), 101, alive);

    for (int i = 0; i < 4; i++) assertThat(request(front, "x")).isEqualTo("alive:x");
  }

  @Test
  void halfCloseLetsTheAnswerThrough() throws IOException {
    int a = backend("a", null);
    int front = front(false);
    balancer.admit("api", new InstanceId("api", 0), 100, a);
    // request() shuts its output after writing; the backend answers only after reading to end of stream.
    assertThat(request(front, "long body ".repeat(10_000))).startsWith("a:long body").hasSize(2 + 100_000);
  }

  @Test
  void theProxyHeaderTellsTheBackendWhoTheClientIs() throws IOException {
    List<String> firstLines = new CopyOnWriteArrayList<>();
    int a = backend("a", firstLines);
    int front = front(true);
    balancer.admit("api", new InstanceId("api", 0), 100, a);

    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), front)) {
      client.getOutputStream().write("x".getBytes(StandardCharsets.UTF_8));
      client.shutdownOutput();
      client.getInputStream().readAllBytes();
      String expected = "PROXY TCP4 127.0.0.1 127.0.0.1 " + client.getLocalPort() + " " + front;
      await().atMost(Duration.ofSeconds(5)).until(() -> !firstLines.isEmpty());
      assertThat(firstLines.getFirst()).isEqualTo(expected);
    }
  }

  @Test
  void aDrainedBackendKeepsItsOpenConnectionButGetsNoNewOne() throws IOException {
    int a = backend("a", null);
    int b = backend("b", null);
    int front = front(false);
    InstanceId first = new InstanceId("api", 0);
    balancer.admit("api", first, 100, a);
    try (Socket held = new Socket(InetAddress.getLoopbackAddress(), front)) {
      await().atMost(Duration.ofSeconds(5))
          .until(() -> balancer.view("api").orElseThrow().connections().getOrDefault(first, 0) == 1);
      balancer.admit("api", new InstanceId("api", 1), 101, b);
      CompletableFuture<Void> drained = balancer.drain("api", first, 100);

      for (int i = 0; i < 3; i++) assertThat(request(front, "new")).isEqualTo("b:new");
      assertThat(drained).isNotDone();
      held.getOutputStream().write("old".getBytes(StandardCharsets.UTF_8));
      held.shutdownOutput();
      assertThat(new String(held.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a:old");
      await().atMost(Duration.ofSeconds(5)).until(drained::isDone);
    }
  }

  private int front(boolean proxy) throws IOException {
    balancer.listen("api", "127.0.0.1", 0, proxy);
    return balancer.boundAddress("api").orElseThrow().getPort();
  }

  /** Answers each connection with {@code name:} and everything it read until end of stream. */
  private int backend(String name, List<String> proxyLines) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    backends.add(server);
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          Thread.ofVirtual().start(() -> answer(socket, name, proxyLines));
        } catch (IOException closed) {
          return;
        }
      }
    });
    return server.getLocalPort();
  }

  private static void answer(Socket socket, String name, List<String> proxyLines) {
    try (socket) {
      InputStream in = socket.getInputStream();
      if (proxyLines != null) proxyLines.add(readLine(in));
      byte[] body = in.readAllBytes();
      OutputStream out = socket.getOutputStream();
      out.write((name + ":").getBytes(StandardCharsets.UTF_8));
      out.write(body);
    } catch (IOException ignored) {
      // The client went away; the test's assertions say what matters.
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') line.append((char) c);
    return line.toString();
  }

  private static String request(int port, String body) throws IOException {
    try (Socket client = new Socket()) {
      client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      client.setSoTimeout(10_000);
      client.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      client.shutdownOutput();
      return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
