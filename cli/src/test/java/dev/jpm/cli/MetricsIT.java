package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.metrics.MetricsScrape;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Monitoring through the real CLI and daemon: usage in ls and show, the memory guard, the Prometheus endpoint. */
class MetricsIT {

  /** Holds $1 MiB and grows by $2 MiB every 0.2 s: an app that leaks. */
  static final String LEAKER = """
      data=$(head -c $(( $1 * 1048576 )) /dev/zero | tr '\\0' x)
      chunk=$(head -c $(( $2 * 1048576 )) /dev/zero | tr '\\0' x)
      while true; do data+="$chunk"; sleep 0.2; done
      """;

  @RegisterExtension final JpmHarness jpm = new JpmHarness();
  int port;

  @BeforeEach
  void start() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
    jpm.write("leaker.sh", LEAKER);
    // The leak is two levels below the instance's process: PM2 would only see the wrapper's memory.
    jpm.write("wrapper.sh", "bash " + jpm.work.resolve("leaker.sh") + " 8 4 &\nwait\n");
    Files.writeString(jpm.home.resolve("settings.yaml"), "metrics:\n  sample_interval: 500ms\n");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
  }

  @Test
  void aLeakingTreeIsRestartedAtItsLimitWithTheCauseInShowAndTheFiguresAreServed() throws Exception {
    Path file = jpm.write("ecosystem.yaml", """
        metrics:
          port: %d
        apps:
          - name: quiet
            script: %s
          - name: leaky
            script: %s
            max_memory_restart: 64M
        """.formatted(port, jpm.work.resolve("sleeper.sh"), jpm.work.resolve("wrapper.sh")));
    jpm.run("apply", file.toString()).expectExit(0);

    await().atMost(Duration.ofSeconds(20)).until(() -> jpm.instance("quiet#0").path("memory_bytes").asLong() > 0);
    assertThat(jpm.run("ls").expectExit(0).out()).containsPattern("quiet#0 .* online .* \\d+(\\.\\d)?% +\\d+(\\.\\d)?[KM]");

    String show = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> jpm.run("show", "leaky").out(), out -> out.contains("memory limit 64 MiB exceeded"));
    Matcher rss = Pattern.compile("memory limit 64 MiB exceeded \\(rss (\\d+(\\.\\d)?) MiB\\)").matcher(show);
    assertThat(rss.find()).as(show).isTrue();
    // Growing 20 MiB/s and sampled every 0.5 s: caught within a couple of samples, not 30 s (600 MiB) later.
    assertThat(Double.parseDouble(rss.group(1))).isBetween(64.0, 160.0);
    assertThat(show).contains("last restarts:", "(with its child processes)");
    assertThat(jpm.instance("leaky#0").path("restarts").asInt()).isGreaterThanOrEqualTo(1);

    String metrics = MetricsScrape.get(port);
    assertThat(metrics).contains("jpm_instance_memory_bytes{app=\"quiet\",index=\"0\",namespace=\"default\"}",
        "jpm_instance_status{app=\"quiet\",index=\"0\",namespace=\"default\",status=\"online\"} 1.0",
        "jpm_daemon_memory_bytes ");
    assertThat(metrics).containsPattern("jpm_instance_restarts_total\\{app=\"leaky\",index=\"0\",namespace=\"default\"} [1-9]");
  }

  @Test
  void monitWithoutATerminalPrintsOneFrameOf80By24WithTheAppAndItsLogTail() throws Exception {
    jpm.write("talker.sh", "echo 'hello from the talker'\nexec sleep 1000\n");
    Path file = jpm.write("ecosystem.yaml", "apps:\n  - name: talker\n    script: %s\n"
        .formatted(jpm.work.resolve("talker.sh")));
    jpm.run("apply", file.toString()).expectExit(0);
    await().atMost(Duration.ofSeconds(20)).until(() -> jpm.instance("talker#0").path("memory_bytes").asLong() > 0);

    String out = await().atMost(Duration.ofSeconds(20)).until(() -> jpm.run("monit").expectExit(0).out(),
        frame -> frame.contains("hello from the talker"));

    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(24).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(lines.get(2)).startsWith("> talker#0").contains("online").containsPattern("\\d(\\.\\d)?[KM]");
  }

  @Test
  void monitOnATerminalDrawsTheDashboardAndQuitsOnQRestoringTheScreen() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script gives a terminal");
    jpm.write("talker.sh", "echo 'hello from the talker'\nexec sleep 1000\n");
    Path file = jpm.write("ecosystem.yaml", "apps:\n  - name: talker\n    script: %s\n"
        .formatted(jpm.work.resolve("talker.sh")));
    jpm.run("apply", file.toString()).expectExit(0);
    // The real CLI in a pseudo-terminal: raw keys, the alternate screen, a q to quit.
    String javaLauncher = ProcessHandle.current().info().command().orElseThrow();
    String command = javaLauncher + " --enable-native-access=ALL-UNNAMED -cp " + System.getProperty("java.class.path")
        + " dev.jpm.cli.Main monit";
    ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null");
    builder.environment().put("JPM_HOME", jpm.home.toString());
    builder.environment().put("TERM", "xterm");
    builder.redirectErrorStream(true);
    Process monit = builder.start();
    try {
      StringBuffer screen = new StringBuffer();
      Thread.ofVirtual().start(() -> {
        try (var in = monit.getInputStream()) {
          byte[] buffer = new byte[8192];
          for (int n; (n = in.read(buffer)) > 0; ) screen.append(new String(buffer, 0, n));
        } catch (IOException ended) {
          // the process is gone; what it drew is in screen
        }
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> screen.toString().contains("talker#0"));
      monit.getOutputStream().write('q');
      monit.getOutputStream().flush();

      assertThat(monit.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as(screen.toString()).isTrue();
      assertThat(monit.exitValue()).isZero();
      assertThat(screen.toString()).contains("\u001b[?1049h", "jpm monit  1 instance", "\u001b[?1049l");
    } finally {
      monit.descendants().forEach(ProcessHandle::destroyForcibly);
      monit.destroyForcibly();
    }
  }

}
