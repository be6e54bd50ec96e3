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
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an idle daemon keeps resident: the classes it loads stay for its lifetime, so subsystems an idle daemon does
 * not use must not load at its start. Read from the JVM's own class-loading log of a real daemon.
 */
class DaemonFootprintIT {

  private static final Pattern DATABIND_CLASS = Pattern.compile("\\] (tools\\.jackson\\.databind\\.\\S+) ");

  /**
   * The databind classes that {@code config.AppSpecs} (the one-liner {@code start}'s spec builder, which the daemon
   * makes at start) pulls in through its signatures: the tree node types, without any mapper, serializer or
   * deserializer. They go once the ecosystem-file code loads only on demand.
   */
  private static final Set<String> CONFIG_TREE_TYPES = Set.of(
      "tools.jackson.databind.JacksonSerializable", "tools.jackson.databind.JacksonSerializable$Base",
      "tools.jackson.databind.JsonNode", "tools.jackson.databind.node.JsonNodeCreator",
      "tools.jackson.databind.node.BaseJsonNode", "tools.jackson.databind.node.ContainerNode",
      "tools.jackson.databind.node.ObjectNode");

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
    assertThat(loaded).doesNotContain("com.fasterxml.jackson.annotation.");
    assertThat(databindClasses(loaded)).isSubsetOf(CONFIG_TREE_TYPES);
  }

  /** The names of the databind classes in a class-loading log ({@code [..][info][class,load] NAME source: ..}). */
  private static Set<String> databindClasses(String log) {
    return DATABIND_CLASS.matcher(log).results().map(match -> match.group(1)).collect(Collectors.toSet());
  }
}
