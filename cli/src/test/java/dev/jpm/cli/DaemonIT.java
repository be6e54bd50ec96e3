package dev.jpm.cli;

import static dev.jpm.cli.JpmHarness.alive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The daemon as a process: started on demand, private, robust to bad peers, and recoverable after SIGKILL. */
class DaemonIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @BeforeEach
  void start() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
  }

  @Test
  void theFirstCommandStartsAPrivateDaemon() throws IOException {
    assertThat(jpm.run("ping").expectExit(0).out()).contains("pong: daemon");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jpm.home))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jpm.home.resolve("jpm.sock"))))
        .isEqualTo("rw-------");
    long daemon = jpm.daemonPid().orElseThrow();
    jpm.run("ping").expectExit(0);
    assertThat(jpm.daemonPid()).contains(daemon);
  }

  @Test
  void aDaemonStartedWhileTheCommandLineIsParsedIsTheOneTheCommandAsks() throws IOException {
    dev.jpm.cli.client.DaemonClient.startDaemonEarly(jpm.environment());

    String pong = jpm.run("ping").expectExit(0).out();
    long daemon = jpm.daemonPid().orElseThrow();
    assertThat(pong).contains("pong: daemon " + daemon + ",");
    // A running daemon: nothing is started early, the command asks the one that serves.
    dev.jpm.cli.client.DaemonClient.startDaemonEarly(jpm.environment());
    assertThat(jpm.run("ping").expectExit(0).out()).contains("pong: daemon " + daemon + ",");
  }

  @Test
  void badRequestsGetAnErrorReplyAndNeverHurtTheDaemon() throws IOException {
    jpm.run("ping").expectExit(0);

    assertThat(exchangeRaw("{this is not json".getBytes(StandardCharsets.UTF_8)).message()).contains("malformed");
    assertThat(exchangeRaw("{\"v\":2,\"type\":\"rm_rf\"}".getBytes(StandardCharsets.UTF_8)).message())
        .contains("malformed");
    assertThat(exchangeRaw("{\"v\":7,\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)).message())
        .contains("protocol version 7");
    assertThat(exchangeOversized().message()).contains("refused");
    assertThat(exchangeRaw("{\"v\":2,\"type\":\"show\",\"name\":null}".getBytes(StandardCharsets.UTF_8)).message())
        .contains("name an app");
    disconnectMidFrame();

    assertThat(jpm.run("ping").expectExit(0).out()).contains("pong");
  }

  @Test
  void aDaemonKilledWithSigkillIsReplacedAndItsSuccessorAdoptsTheRunningApps() throws IOException {
    Path file = jpm.write("ecosystem.yaml", """
        apps:
          - name: api
            script: sleeper.sh
            instances: 2
            min_uptime: 300ms
          - name: idle
            script: sleeper.sh
            min_uptime: 300ms
        """);
    jpm.run("apply", file.toString()).expectExit(0);
    jpm.run("stop", "idle").expectExit(0);
    List<Long> before = List.of(jpm.pid("api#0"), jpm.pid("api#1"));
    long daemon = jpm.daemonPid().orElseThrow();

    ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
    JpmHarness.awaitGone(daemon);

    assertThat(jpm.status("api#0")).isEqualTo("online");
    assertThat(jpm.status("api#1")).isEqualTo("online");
    assertThat(jpm.status("idle#0")).isEqualTo("stopped");
    assertThat(jpm.daemonPid()).get().isNotEqualTo(daemon);
    assertThat(jpm.instances()).hasSize(3);
    assertThat(List.of(jpm.pid("api#0"), jpm.pid("api#1"))).isEqualTo(before).allMatch(JpmHarness::alive);
    assertThat(jpm.instance("api#0").path("restarts").asInt()).isZero();
    assertThat(Files.readString(jpm.home.resolve("daemon.log"))).contains("api#0: adopted pid " + before.get(0));
    assertThat(jpm.run("diff", file.toString()).out()).doesNotContain("api");
    // Adopted, they are supervised as before: a stop ends them.
    jpm.run("stop", "api").expectExit(0);
    for (long old : before) JpmHarness.awaitGone(old);
  }

  @Test
  void updateReplacesTheDaemonAndTheNewOneAdoptsEveryAppWithoutARestart() throws IOException {
    Path file = jpm.write("ecosystem.yaml", """
        apps:
          - name: api
            script: sleeper.sh
            instances: 2
            min_uptime: 300ms
        """);
    jpm.run("apply", file.toString()).expectExit(0);
    List<Long> before = List.of(jpm.pid("api#0"), jpm.pid("api#1"));
    long daemon = jpm.daemonPid().orElseThrow();

    assertThat(jpm.run("update").expectExit(0).out()).contains("serves 1 apps, adopted as they ran");

    JpmHarness.awaitGone(daemon); // once its successor serves, the old daemon hands its front ports over and ends
    assertThat(jpm.daemonPid()).get().isNotEqualTo(daemon);
    assertThat(List.of(jpm.pid("api#0"), jpm.pid("api#1"))).isEqualTo(before).allMatch(JpmHarness::alive);
    assertThat(jpm.instances()).allSatisfy(row -> {
      assertThat(row.path("status").asString()).isEqualTo("online");
      assertThat(row.path("restarts").asInt()).isZero();
    });
    assertThat(jpm.run("diff", file.toString()).expectExit(0).out()).contains("in sync");
  }

  @Test
  void killStopsEveryAppAndTheDaemon() throws IOException {
    Path file = jpm.write("ecosystem.yaml", """
        apps:
          - name: api
            script: sleeper.sh
            min_uptime: 300ms
        """);
    jpm.run("apply", file.toString()).expectExit(0);
    long app = jpm.pid("api#0");
    long daemon = jpm.daemonPid().orElseThrow();

    jpm.run("kill").expectExit(0);

    assertThat(alive(app)).isFalse();
    assertThat(alive(daemon)).isFalse();
    assertThat(jpm.home.resolve("jpm.sock")).doesNotExist();
  }

  private Response.Failure exchangeRaw(byte[] body) throws IOException {
    try (SocketChannel channel = connect();
        OutputStream out = Channels.newOutputStream(channel);
        InputStream in = Channels.newInputStream(channel)) {
      DataOutputStream data = new DataOutputStream(out);
      data.writeInt(body.length);
      data.write(body);
      data.flush();
      return (Response.Failure) Wire.read(in, Response.class);
    }
  }

  private Response.Failure exchangeOversized() throws IOException {
    try (SocketChannel channel = connect();
        OutputStream out = Channels.newOutputStream(channel);
        InputStream in = Channels.newInputStream(channel)) {
      new DataOutputStream(out).writeInt(Integer.MAX_VALUE);
      return (Response.Failure) Wire.read(in, Response.class);
    }
  }

  private void disconnectMidFrame() throws IOException {
    try (SocketChannel channel = connect(); OutputStream out = Channels.newOutputStream(channel)) {
      new DataOutputStream(out).writeInt(1000);
      out.write(new byte[10]);
    }
  }

  private SocketChannel connect() throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(jpm.home.resolve("jpm.sock")));
    return channel;
  }

  @Test
  void aDaemonThatAcceptsAndNeverAnswersCostsACommandItsTimeoutNotForever() throws Exception {
    java.nio.file.Files.createDirectories(jpm.home);
    try (var wedged = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      wedged.bind(java.net.UnixDomainSocketAddress.of(jpm.home.resolve("jpm.sock")));
      jpm.setEnv("JPM_TIMEOUT", "2");
      long started = System.nanoTime();

      JpmHarness.Result ls = jpm.run("ls", "--json");
      JpmHarness.Result stop = jpm.run("stop", "all");

      assertThat(ls.exit()).isEqualTo(3);
      assertThat(ls.err()).contains("the daemon said nothing for 2 s", "jpm kill");
      assertThat(stop.err()).contains("the daemon said nothing for 2 s");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(30));
    }
  }
}
