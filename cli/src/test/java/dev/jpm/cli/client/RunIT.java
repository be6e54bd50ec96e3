package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code jpm run FILE} (PM2's pm2-runtime): the daemon JVM exactly as the launcher execs it, with real apps. It
 * prints their output, ends when they are done or when told, and as a PID 1 reaps the orphans it inherits.
 */
class RunIT {

  private Path dir;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void folder() throws IOException {
    dir = Files.createTempDirectory("jpm-run");
  }

  @AfterEach
  void cleanUp() throws IOException {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private Process run(List<String> prefix, String... args) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(DaemonLauncher.jvmFlags());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DaemonLauncher.MAIN_CLASS, "run"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
    builder.environment().put("JPM_HOME", dir.resolve("home").toString());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private int exit(Process process) throws InterruptedException {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("jpm run ended").isTrue();
    return process.exitValue();
  }

  private String stdout() throws IOException {
    return Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8);
  }

  @Test
  void printsTheAppsOutputAndEndsWhenEveryAppIsDone() throws Exception {
    Files.writeString(dir.resolve("jobs.yaml"), """
        apps:
          - name: once
            script: /bin/sh
            args: ["-c", "echo hello from once; sleep 1; echo bye"]
            autorestart: false
          - name: pair
            script: /bin/sh
            instances: 2
            args: ["-c", "echo pair $NODE_APP_INSTANCE"]
            autorestart: false
        """);

    assertThat(exit(run(List.of(), "jobs.yaml"))).isZero();
    assertThat(stdout()).contains("once#0 | hello from once", "once#0 | bye", "pair#0 | pair 0", "pair#1 | pair 1");

    Files.writeString(dir.resolve("failing.yaml"), """
        apps:
          - name: failing
            script: /bin/sh
            args: ["-c", "echo broken; exit 4"]
            autorestart: false
        """);
    assertThat(exit(run(List.of(), "failing.yaml", "--raw"))).isEqualTo(1);
    assertThat(stdout()).contains("broken").doesNotContain("failing#0 |");
  }

  @Test
  void aSigtermStopsEveryAppWithItsOwnSignal() throws Exception {
    Path marker = dir.resolve("stopped");
    Files.writeString(dir.resolve("server.yaml"), """
        apps:
          - name: server
            script: /bin/bash
            args: ["-c", "trap 'echo INT > %s; exit 0' INT; echo serving; while true; do sleep 1 & wait $!; done"]
        """.formatted(marker));
    Process jpm = run(List.of(), "server.yaml");
    await().atMost(Duration.ofSeconds(30)).until(() -> stdout().contains("server#0 | serving"));

    jpm.destroy();

    exit(jpm);
    assertThat(Files.readString(marker).strip()).isEqualTo("INT");
  }

  @Test
  void anInvalidFileStartsNothing() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "apps:\n  - name: x\n    scrpt: y\n");

    assertThat(exit(run(List.of(), "bad.yaml"))).isEqualTo(3);
    assertThat(Files.readString(dir.resolve("stderr"))).contains("bad.yaml:3:5", "did you mean script?");
    assertThat(dir.resolve("home")).doesNotExist();
  }

  @Test
  void asPid1ItReapsTheOrphansItInherits() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs util-linux unshare");
    assumeTrue(new ProcessBuilder("id", "-u").start().inputReader().readLine().equals("0"), "a pid namespace needs root");
    // Each run leaves an orphan that exits at once: it is reparented to PID 1 (jpm) and must not stay a zombie.
    Files.writeString(dir.resolve("orphans.yaml"), """
        apps:
          - name: spawner
            script: /bin/sh
            args: ["-c", "while true; do (sleep 0.1 &); sleep 0.5; done"]
        """);
    Process jpm = run(List.of("unshare", "--pid", "--fork", "--mount-proc"), "orphans.yaml");
    await().atMost(Duration.ofSeconds(30)).until(() -> stdout().contains("start spawner#0"));
    long init = jpm.toHandle().children().findFirst().orElseThrow().pid(); // unshare forks; its child is PID 1

    // Orphans keep coming; over several reaper scans, at most the newest few can be zombies at a time.
    for (int i = 0; i < 6; i++) {
      Thread.sleep(1_000);
      assertThat(zombieChildren(init)).as("zombie orphans of jpm as PID 1").isLessThanOrEqualTo(6);
    }
    assertThat(zombieChildren(init)).isLessThanOrEqualTo(6);
  }

  private static long zombieChildren(long parent) throws IOException {
    try (var processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      long count = 0;
      for (Path process : processes) {
        try {
          String stat = Files.readString(process.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          if (fields[0].equals("Z") && Long.parseLong(fields[1]) == parent) count++;
        } catch (IOException gone) {
          // exited while we looked
        }
      }
      return count;
    }
  }
}
