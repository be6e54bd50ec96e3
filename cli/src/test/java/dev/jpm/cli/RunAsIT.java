package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jpm.engine.os.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PM2's uid/gid under a daemon running as root (as CI runs): the app really runs as that user and group. */
class RunAsIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @Test
  void anAppNamingAUserRunsAsThatUserWithItsGroupsAndHomeAndItsLogsAreItsOwn() throws Exception {
    assumeTrue(Users.effectiveUid() == 0, "switching users needs a daemon running as root (CI runs as root)");
    Path file = jpm.write("ecosystem.yaml", """
        apps:
          - name: asnobody
            script: "echo uid=$(id -u) gid=$(id -g) groups=$(id -G) home=$HOME user=$USER; exec sleep 600"
            uid: nobody
            gid: nogroup
            min_uptime: 300ms
        """);

    jpm.run("apply", file.toString()).expectExit(0);

    Path out = Path.of(jpm.instance("asnobody#0").path("out_log").asString());
    await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(out) && Files.readString(out).contains("uid="));
    assertThat(Files.readString(out).strip())
        .isEqualTo("uid=65534 gid=65534 groups=65534 home=/nonexistent user=nobody");
    assertThat(Files.getOwner(out).getName()).isEqualTo("nobody");
    long pid = jpm.pid("asnobody#0");
    assertThat(Files.readString(Path.of("/proc/" + pid + "/status"))).as("the app's own pid: no wrapper stays")
        .containsPattern("(?m)^Uid:\\s+65534\\s+65534").containsPattern("(?m)^Name:\\s+sleep");
    assertThat(jpm.run("show", "asnobody").expectExit(0).out()).containsPattern("uid\\s+nobody:nogroup");
    jpm.run("stop", "asnobody").expectExit(0);
    JpmHarness.awaitGone(pid);
  }
}
