package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

  private static final Map<String, String> DAEMON_ENV =
      Map.of("PATH", "/usr/bin:/bin", "HOME", "/srv/u", "LANG", "C.UTF-8", "AWS_SECRET_ACCESS_KEY", "hunter2");

  @Test
  void baseFromTheDaemonThenDeclaredThenInjected() {
    var spec = TestApps.fixture("api", "sleep.sh").env(Map.of("FOO", "bar", "HOME", "/srv")).port(8080).build();
    assertThat(ChildEnvironment.of(spec, 2, DAEMON_ENV)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "PATH", "/usr/bin:/bin", "HOME", "/srv", "LANG", "C.UTF-8", "FOO", "bar",
        "JPM_APP", "api", "NODE_APP_INSTANCE", "2", "PORT", "8080"));
  }

  @Test
  void incrementVarAddsTheIndexToANumericDeclaredValueOnly() {
    var spec = TestApps.fixture("api", "sleep.sh").env(Map.of("WORKER_PORT", "3000", "NAME", "x"))
        .incrementVar("WORKER_PORT").build();
    assertThat(ChildEnvironment.of(spec, 3, DAEMON_ENV)).containsEntry("WORKER_PORT", "3003");
    var text = TestApps.fixture("api", "sleep.sh").env(Map.of("NAME", "x")).incrementVar("NAME").build();
    assertThat(ChildEnvironment.of(text, 3, DAEMON_ENV)).containsEntry("NAME", "x");
  }

  @Test
  void incrementVarCanIncrementThePort() {
    var spec = TestApps.fixture("api", "sleep.sh").port(4000).incrementVar("PORT").build();
    assertThat(ChildEnvironment.of(spec, 1, DAEMON_ENV)).containsEntry("PORT", "4001");
  }

  @Test
  void aBalancedInstanceGetsItsPrivatePortAsPortUnincremented() {
    var spec = TestApps.fixture("api", "sleep.sh").port(4000).incrementVar("PORT").build();
    assertThat(ChildEnvironment.of(spec, 1, DAEMON_ENV, 20_007)).containsEntry("PORT", "20007");
  }

  @Test
  void aBalancedNodeInstanceIsToldTheAppPortThatItsPreloadMoves() {
    var node = TestApps.command("api", "/usr/local/bin/node", "server.js").port(4000).build();
    assertThat(ChildEnvironment.of(node, 1, DAEMON_ENV, 20_007))
        .containsEntry("PORT", "20007").containsEntry("JPM_APP_PORT", "4000").containsEntry("JPM_PRIVATE_PORT", "20007");
    assertThat(ChildEnvironment.of(node, 1, DAEMON_ENV)).as("not balanced: PORT is the app's own")
        .containsEntry("PORT", "4000").doesNotContainKeys("JPM_APP_PORT", "JPM_PRIVATE_PORT");
    var other = TestApps.fixture("api", "sleep.sh").port(4000).build();
    assertThat(ChildEnvironment.of(other, 1, DAEMON_ENV, 20_007)).as("not Node: launched as before")
        .containsEntry("PORT", "20007").doesNotContainKeys("JPM_APP_PORT", "JPM_PRIVATE_PORT");
  }

  @Test
  void aNodeInstanceWhosePortIsLearnedGetsOnlyItsPrivatePortAndKeepsTheDeclaredPortVariable() {
    var node = TestApps.command("api", "/usr/local/bin/node", "server.js").cluster(2).env(Map.of("PORT", "3000"))
        .build();
    assertThat(node.learnsPort()).isTrue();
    assertThat(ChildEnvironment.of(node, 1, DAEMON_ENV, 20_007))
        .containsEntry("JPM_PRIVATE_PORT", "20007").containsEntry("PORT", "3000").doesNotContainKey("JPM_APP_PORT");
  }
}
