package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cold {@code ping}, {@code ls}, {@code jlist} or {@code prettylist}: the launcher script starts the daemon beside
 * the CLI's JVM, and the CLI waits on that daemon instead of starting a second one (JPM_DAEMON_STARTING).
 */
class LauncherStartsDaemonIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  private record Run(int exit, String output) {}

  private Run run(Map<String, String> extraEnvironment, List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(jpm.work.toFile()).redirectErrorStream(true);
    builder.environment().putAll(jpm.environment());
    builder.environment().put("JPM_NO_AOT", "1");
    builder.environment().putAll(extraEnvironment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    return new Run(process.exitValue(), output);
  }

  private String daemonLog() throws Exception {
    return Files.readString(jpm.home.resolve("daemon.log"));
  }

  /** The pids of the daemon JVMs running for {@code home}, from /proc: their main class and their JPM_HOME. */
  private static List<Long> daemonsServing(Path home) throws IOException {
    List<Long> daemons = new ArrayList<>();
    try (var processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.filter(dir -> dir.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String command = Files.readString(process.resolve("cmdline"));
          String environment = Files.readString(process.resolve("environ"));
          if (command.contains("dev.jpm.engine.daemon.JpmDaemon") && environment.contains("JPM_HOME=" + home + "\0"))
            daemons.add(Long.parseLong(process.getFileName().toString()));
        } catch (IOException gone) {
          // ended while listed, or not ours to read
        }
      }
    }
    return daemons;
  }

  @Test
  void aColdPingIsAnsweredByTheDaemonTheLauncherStarted() throws Exception {
    Path launcher = InstalledLauncher.install(jpm.work);

    Run ping = run(Map.of(), List.of(launcher.toString(), "ping"));

    assertThat(ping.exit()).as(ping.output()).isZero();
    long daemon = jpm.daemonPid().orElseThrow();
    assertThat(ping.output()).contains("pong: daemon " + daemon + ",");
    // One daemon: a second one, started by the CLI, would find the home locked, say so in the same log and exit.
    // The log line of the one serving may follow its first answer; a second one is awaited until it has ended.
    await().atMost(Duration.ofSeconds(30)).until(() -> daemonLog().contains("jpm daemon " + daemon + " serving"));
    await().atMost(Duration.ofSeconds(30)).until(() -> daemonsServing(jpm.home).equals(List.of(daemon)));
    assertThat(daemonLog()).doesNotContain("another daemon");
    assertThat(run(Map.of(), List.of(launcher.toString(), "jlist")).output()).isEqualTo("[]\n");
    assertThat(jpm.daemonPid()).as("the next command found it serving").hasValue(daemon);
  }

  @Test
  void helpStartsNoDaemon() throws Exception {
    Path launcher = InstalledLauncher.install(jpm.work);

    Run help = run(Map.of(), List.of(launcher.toString(), "ls", "--help"));

    assertThat(help.exit()).as(help.output()).isZero();
    assertThat(jpm.home.resolve("jpm.sock")).doesNotExist();
    assertThat(jpm.home.resolve("daemon.log")).doesNotExist();
  }

  @Test
  void whenTheNamedProcessEndsWithoutAnsweringTheCliStartsTheDaemon() throws Exception {
    // Stands in for a launcher's daemon that died before it served: it runs two seconds, then ends.
    Process stand = new ProcessBuilder("sleep", "2").start();
    // Start instants, both from /proc on one basis (boot time in whole seconds plus clock ticks).
    java.time.Instant standStarted = stand.info().startInstant().orElseThrow();
    String java = ProcessHandle.current().info().command().orElseThrow();
    try {
      Run ping = run(Map.of("JPM_DAEMON_STARTING", stand.pid() + ":" + jpm.home),
          List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "ping"));

      assertThat(ping.exit()).as(ping.output()).isZero();
      long daemon = jpm.daemonPid().orElseThrow();
      assertThat(ping.output()).contains("pong: daemon " + daemon + ",");
      java.time.Instant started = ProcessHandle.of(daemon).orElseThrow().info().startInstant().orElseThrow();
      assertThat(started).as("the CLI waited on the named process until it ended, then started the daemon")
          .isAfterOrEqualTo(standStarted.plusMillis(1_990));
      assertThat(Files.readString(Path.of("/proc", Long.toString(daemon), "environ")))
          .as("the daemon the CLI starts does not inherit the launcher's claim").doesNotContain("JPM_DAEMON_STARTING");
    } finally {
      stand.destroyForcibly();
    }
  }
}
