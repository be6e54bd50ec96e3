package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an idle daemon keeps resident: the classes it loads stay for its lifetime, so subsystems an idle daemon does
 * not use must not load at its start. Read from the JVM's own class-loading log of a real daemon.
 */
class DaemonFootprintIT {

  @RegisterExtension final ClassLoggingDaemon daemon = new ClassLoggingDaemon("class+load=info");

  @Test
  void anIdleDaemonLoadsNeitherJgitNorJacksonsDatabind() throws IOException {
    DaemonClient client = daemon.client();

    assertThat(client.send(new Request.Ping(), line -> {})).isInstanceOf(Response.Pong.class);
    assertThat(client.send(new Request.List(), line -> {})).isNotInstanceOf(Response.Failure.class);
    daemon.kill(client);

    String loaded = daemon.log();
    assertThat(loaded).contains("dev.jpm.engine.daemon.JpmDaemon", "dev.jpm.engine.metrics.OshiProcesses");
    // JGit's jar is signed: its first class verifies the whole manifest, ~2 MiB held for good.
    assertThat(loaded).doesNotContain("org.eclipse.jgit.", "sun.security.pkcs.PKCS7 ");
    // Jackson's databind: some 850 classes for what the protocol's own binding (engine/json) does with a few.
    assertThat(loaded).doesNotContain("tools.jackson.databind.", "com.fasterxml.jackson.annotation.");
    // OSHI is made at the first sample that has an app's process to read (decision 0037): without apps, never.
    assertThat(loaded).doesNotContain(" oshi.");
    // JNA builds its library search path by running `ldconfig -p` unless told one (os/LibC): a process started
    // through the JDK, 60-100 ms on the way to the first answer. The daemon starts its apps with posix_spawn.
    assertThat(loaded).contains("com.sun.jna.NativeLibrary ").doesNotContain("java.lang.ProcessBuilder ");
    // daemon.log's lines are built by daemon/DaemonLog: java.util.Formatter's first date loads the locale's data
    // from CLDR, ~30 ms of the start and ~1.4 MiB of an idle daemon (OSHI loads it with the first app it reads).
    assertThat(loaded).contains("dev.jpm.engine.daemon.DaemonLog$Line ")
        .doesNotContain("java.util.Formatter ", "sun.util.cldr.CLDRLocaleProviderAdapter ");
  }
}
