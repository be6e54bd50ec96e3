package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jpm's Node preload in real Node, without a daemon: which {@code listen()} calls it moves to the private port, for
 * CommonJS and ESM entry points, and how the file is written under {@code JPM_HOME}.
 */
class NodePreloadIT {

  @TempDir Path temp;

  /** Each form closes its server before the next listens: they all land on the one private port. */
  static final String LISTEN_FORMS = """
      const http = require('http');
      const net = require('net');
      const [appPort, otherPort] = process.argv.slice(2).map(Number);
      function express() {
        const app = (req, res) => res.end('x');
        app.listen = function () { const server = http.createServer(this); return server.listen.apply(server, arguments); };
        return app;
      }
      const forms = [
        ['listen(port)', (done) => http.createServer().listen(appPort, done)],
        ['listen(port, host)', (done) => http.createServer().listen(appPort, '0.0.0.0', done)],
        ['listen(port, localhost, backlog)', (done) => net.createServer().listen(appPort, 'localhost', 64, done)],
        ['listen(port, backlog)', (done) => net.createServer().listen(appPort, 511, done)],
        ['listen("port")', (done) => http.createServer().listen(String(appPort), done)],
        ['listen({port})', (done) => http.createServer().listen({ port: appPort }, done)],
        ['listen({port, host: ::})', (done) => net.createServer().listen({ port: appPort, host: '::' }, done)],
        ['express listen(port)', (done) => express().listen(appPort, done)],
        ['listen(other port)', (done) => http.createServer().listen(otherPort, done)],
        ['listen(0)', (done) => http.createServer().listen(0, '127.0.0.1', done)],
      ];
      (function next(i) {
        if (i === forms.length) return;
        const [name, listen] = forms[i];
        let server;
        server = listen(() => {
          const a = server.address();
          console.log(JSON.stringify({ name, address: a.address, port: a.port }));
          server.close(() => next(i + 1));
        });
        server.on('error', (e) => { console.log(JSON.stringify({ name, error: e.code })); next(i + 1); });
      })(0);
      """;

  @Test
  void listenOfTheAppPortMovesToThePrivateLoopbackPortInEveryFormAndOtherPortsStay() throws Exception {
    int[] ports = freePorts(3);
    int appPort = ports[0];
    int privatePort = ports[1];
    int otherPort = ports[2];
    Path script = Files.writeString(temp.resolve("forms.js"), LISTEN_FORMS);

    List<String> lines = runNode(script, Map.of("JPM_APP_PORT", "" + appPort, "JPM_PRIVATE_PORT", "" + privatePort),
        "" + appPort, "" + otherPort);

    String moved = "\"address\":\"127.0.0.1\",\"port\":" + privatePort + "}";
    assertThat(lines).hasSize(10);
    assertThat(lines.subList(0, 8)).allSatisfy(line -> assertThat(line).endsWith(moved));
    assertThat(lines.get(8)).contains("\"name\":\"listen(other port)\"").endsWith("\"port\":" + otherPort + "}")
        .doesNotContain("127.0.0.1");
    assertThat(lines.get(9)).contains("listen(0)").doesNotContain("\"port\":" + privatePort + "}");
  }

  @Test
  void withoutADeclaredPortTheFirstListenNamesTheAppPortAndOnlyThatPortMoves() throws Exception {
    int[] ports = freePorts(3);
    int appPort = ports[0];
    int privatePort = ports[1];
    int otherPort = ports[2];
    Path script = Files.writeString(temp.resolve("forms.js"), LISTEN_FORMS);

    List<String> lines = runNode(script, Map.of("JPM_PRIVATE_PORT", "" + privatePort), "" + appPort, "" + otherPort);

    String moved = "\"address\":\"127.0.0.1\",\"port\":" + privatePort + "}";
    assertThat(lines).hasSize(10);
    assertThat(lines.subList(0, 8)).allSatisfy(line -> assertThat(line).endsWith(moved));
    assertThat(lines.get(8)).as("a second port is the app's own").contains("listen(other port)")
        .endsWith("\"port\":" + otherPort + "}");
    assertThat(lines.get(9)).contains("listen(0)").doesNotContain("\"port\":" + privatePort + "}");
  }

  @Test
  void anEsmEntryPointIsPreloadedToo() throws Exception {
    int[] ports = freePorts(2);
    int appPort = ports[0];
    int privatePort = ports[1];
    Path script = Files.writeString(temp.resolve("server.mjs"), """
        import http from 'node:http';
        const server = http.createServer().listen(%d, () => {
          console.log(JSON.stringify(server.address()));
          server.close();
        });
        """.formatted(appPort));

    List<String> lines = runNode(script, Map.of("JPM_APP_PORT", "" + appPort, "JPM_PRIVATE_PORT", "" + privatePort));

    assertThat(lines).containsExactly("{\"address\":\"127.0.0.1\",\"family\":\"IPv4\",\"port\":" + privatePort + "}");
  }

  @Test
  void withoutAnAppPortNothingMovesAndNoProcessSendAppears() throws Exception {
    int[] ports = freePorts(2);
    int port = ports[0];
    Path script = Files.writeString(temp.resolve("plain.js"), """
        const server = require('http').createServer().listen(%d, '127.0.0.1', () => {
          console.log(server.address().port + ' ' + typeof process.send);
          server.close();
        });
        """.formatted(port));

    assertThat(runNode(script, Map.of("PORT", "" + ports[1]))).containsExactly(port + " undefined");
  }

  @Test
  void anInheritedSocketWhoseListenPidIsAnotherProcessIsNotTakenAndTheVariablesStay() throws Exception {
    int port = freePorts(1)[0];
    Path script = Files.writeString(temp.resolve("stale.js"), """
        const server = require('http').createServer().listen(%d, '127.0.0.1', () => {
          console.log(server.address().port + ' ' + process.env.LISTEN_FDS);
          server.close();
        });
        """.formatted(port));

    // systemd's rule: LISTEN_FDS is for the process LISTEN_PID names, never for a child that inherited the variables.
    assertThat(runNode(script, Map.of("LISTEN_FDS", "1", "LISTEN_PID", "1", "JPM_APP_PORT", "" + port)))
        .containsExactly(port + " 1");
  }

  @Test
  void aChildThatNodeForkedWithIpcKeepsItsOwnProcessSend() throws Exception {
    Path child = Files.writeString(temp.resolve("child.js"), "process.send('hello from ' + typeof process.send);\n");
    Path parent = Files.writeString(temp.resolve("parent.js"), """
        const { fork } = require('child_process');
        // The channel variables as jpm gives them; the preload (in execArgv) must still leave Node's IPC alone.
        const env = Object.assign({}, process.env, { JPM_NODE_CHANNEL: '/nonexistent/node.sock', JPM_NODE_TOKEN: 't' });
        const child = fork(%s, [], { env, execArgv: process.execArgv });
        child.on('message', (m) => { console.log('parent got: ' + m); child.disconnect(); });
        """.formatted("'" + child + "'"));

    assertThat(runNode(parent, Map.of())).containsExactly("parent got: hello from function");
  }

  @Test
  void thePreloadIsWrittenOnceUnderJpmHomeAndRewrittenWhenItDiffers() throws Exception {
    NodePreload preload = new NodePreload(temp);
    List<String> argv = preload.prepare(List.of("node", "--max-old-space-size=64", "app.js", "x"), Map.of(),
        () -> {}, port -> {}).command();
    Path file = temp.resolve("node/preload.cjs");
    assertThat(argv).containsExactly("node", "--require", file.toString(), "--max-old-space-size=64", "app.js", "x");
    byte[] shipped = NodePreload.class.getResourceAsStream(NodePreload.RESOURCE).readAllBytes();
    assertThat(Files.readAllBytes(file)).isEqualTo(shipped);

    Files.writeString(file, "// an older jpm's preload");
    new NodePreload(temp).prepare(List.of("node", "app.js"), Map.of(), () -> {}, port -> {});
    assertThat(Files.readAllBytes(file)).isEqualTo(shipped);
    try (var left = Files.list(file.getParent())) {
      assertThat(left).containsExactly(file); // no temp file left behind
    }

    Files.delete(file); // e.g. someone cleaned JPM_HOME while the daemon runs
    preload.prepare(List.of("node", "app.js"), Map.of(), () -> {}, port -> {});
    assertThat(Files.readAllBytes(file)).isEqualTo(shipped);
    preload.close();
  }

  private List<String> runNode(Path script, Map<String, String> env, String... args) throws Exception {
    NodePreload preload = new NodePreload(temp.resolve("home"));
    List<String> command = new ArrayList<>(List.of("node", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(preload.prepare(command, Map.of(), () -> {}, port -> {}).command())
        .directory(temp.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process node = builder.start();
    try {
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node ended").isTrue();
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(node.exitValue()).as(out).isZero();
      return out.lines().toList();
    } finally {
      node.destroyForcibly();
      preload.close();
    }
  }

  /** Ports nobody listens on right now, all different (held together while chosen). */
  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> probes = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) probes.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      return probes.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (ServerSocket probe : probes) probe.close();
    }
  }
}
