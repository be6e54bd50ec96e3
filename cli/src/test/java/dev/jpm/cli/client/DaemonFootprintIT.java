package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.protocol.JpmHome;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.supervise.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an idle daemon keeps resident: the classes it loads stay for its lifetime, so subsystems an idle daemon does
 * not use must not load at its start. Read from the JVM's own class-loading log of a real daemon.
 */
class DaemonFootprintIT {

  @TempDir Path temp;
  private Long daemonPid;

  @AfterEach
  void stop() {
    if (daemonPid != null) ProcessHandle.of(daemonPid).ifPresent(ProcessHandle::destroyForcibly);
  }

  @Test
  void anIdleDaemonLoadsNeitherJgitNorOshisOperatingSystemNorJacksonsDatabind() throws IOException {
    Path classLog = temp.resolve("classes.log");
    JpmHome home = new JpmHome(temp.resolve("home"));
    DaemonClient client = DaemonClient.withDaemonFlags(home,
        List.of("-Xlog:class+load=info:file=" + classLog));

    assertThat(client.send(new Request.Ping(), line -> {})).isInstanceOf(Response.Pong.class);
    assertThat(client.send(new Request.List(), line -> {})).isNotInstanceOf(Response.Failure.class);
    daemonPid = Long.parseLong(Files.readString(home.dir().resolve("daemon.pid")).trim());
    client.send(new Request.Kill(), line -> {});
    await().atMost(Duration.ofSeconds(15)).until(() -> !Liveness.isRunning(daemonPid));

    String loaded = Files.readString(classLog);
    assertThat(loaded).contains("dev.jpm.engine.daemon.JpmDaemon", "dev.jpm.engine.metrics.LinuxProcessStats");
    // JGit's jar is signed: its first class verifies the whole manifest, ~2 MiB held for good.
    assertThat(loaded).doesNotContain("org.eclipse.jgit.", "sun.security.pkcs.PKCS7 ");
    // OSHI's OperatingSystem object: ~40 classes and libudev, for three numbers the drivers give directly.
    assertThat(loaded).doesNotContain("oshi.software.common.os.linux.LinuxOperatingSystem ");
    // Jackson's databind: some 850 classes for what the protocol's own binding (engine/json) does with a few.
    assertThat(loaded).doesNotContain("tools.jackson.databind.", "com.fasterxml.jackson.annotation.");
  }
}
