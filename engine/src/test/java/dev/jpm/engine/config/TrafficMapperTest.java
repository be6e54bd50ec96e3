package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.HealthCheck;
import dev.jpm.engine.model.Traffic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness, front-port and rollout keys become {@link Traffic}; combinations that cannot work are reported. */
class TrafficMapperTest {

  @TempDir Path temp;
  LoaderFixture fx;

  @BeforeEach
  void setUp() {
    fx = new LoaderFixture(temp).script("server.js").script("server.sh");
  }

  @Test
  void everyKeyIsApplied() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - script: server.js
            name: api
            exec_mode: cluster
            instances: 4
            port: 8080
            host: 127.0.0.1
            proxy_protocol: true
            ready_pattern: "listening on"
            max_surge: 50%
            max_unavailable: 25%
            drain_timeout: 30s
            health_check: {type: http, path: /health, interval: 2s, timeout: 500ms, retries: 2, successes: 3, restart_after: 5}
        """);

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
    AppSpec api = result.desired().apps().getFirst();
    assertThat(api.balanced()).isTrue();
    assertThat(api.traffic()).isEqualTo(new Traffic("127.0.0.1", true,
        new HealthCheck(HealthCheck.Type.HTTP, "/health", null, 2000, 500, 3, 2, 5), "listening on", 2, 1, 30_000, false));
  }

  @Test
  void defaultsAreOneSurgeNoneUnavailableAndTenSecondsOfDrain() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - script: server.js
            name: api
        """);
    assertThat(result.desired().apps().getFirst().traffic()).isEqualTo(Traffic.DEFAULTS);
  }

  @Test
  void clusterModeWithoutPortWarnsToReadPortButANodeAppsPortIsLearned() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - script: server.sh
            name: api
            exec_mode: cluster
            instances: 2
          - script: server.js
            name: web
            exec_mode: cluster
            instances: 2
        """);
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).extracting(ConfigProblem::render).singleElement().asString()
        .startsWith(fx.path("e.yaml") + ":4:5: app \"api\": exec_mode: cluster mode without port")
        .contains("PORT variable", "declare port:");
    assertThat(result.desired().apps().get(1).learnsPort()).as("web: jpm's preload learns its port").isTrue();
  }

  @Test
  void aRolloutThatCouldNeverReplaceAnInstanceIsAnError() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - script: server.js
            name: api
            max_surge: 0
            max_unavailable: 0
        """);
    assertThat(result.errors()).extracting(ConfigProblem::render).singleElement().asString()
        .contains("max_surge: max_surge and max_unavailable are both 0");
  }

  @Test
  void socketActivationSharesTheDeclaredPortOfAClusterAppWithoutTheBalancer() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - script: server.sh
            name: api
            exec_mode: cluster
            instances: 2
            port: 8080
            socket_activation: true
        """);

    assertThat(result.errors()).isEmpty();
    AppSpec api = result.desired().apps().getFirst();
    assertThat(api.inheritsSocket()).isTrue();
    assertThat(api.balanced()).as("no front port: the instances accept themselves").isFalse();
  }

  @Test
  void aNodeClusterAppWithADeclaredPortInheritsOneSocketByDefault() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - script: server.js
            name: api
            exec_mode: cluster
            instances: 2
            port: 8080
            host: 127.0.0.1
            wait_ready: true
            health_check: {type: http, path: /health, port: 8081}
        """);

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
    AppSpec api = result.desired().apps().getFirst();
    assertThat(api.traffic().socketActivation()).isTrue();
    assertThat(api.inheritsSocket()).isTrue();
    assertThat(api.balanced()).as("no front port: the instances accept themselves").isFalse();
  }

  @Test
  void aNodeClusterAppKeepsTheBalancerWhenItAsksForWhatOnlyTheBalancerDoesOrHasNoPort() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - {script: server.js, name: proxied, exec_mode: cluster, port: 8080, proxy_protocol: true}
          - {script: server.js, name: reused, exec_mode: cluster, port: 8081, reuse_port: true}
          - {script: server.js, name: opted-out, exec_mode: cluster, port: 8082, socket_activation: false}
          - {script: server.js, name: drained, exec_mode: cluster, port: 8083, drain_timeout: 5s}
          - {script: server.js, name: probed, exec_mode: cluster, port: 8084, health_check: {type: http}}
          - {script: server.js, name: incremented, exec_mode: cluster, port: 8085, increment_var: PORT}
          - {script: server.js, name: learned, exec_mode: cluster}
        """);

    assertThat(result.errors()).isEmpty();
    assertThat(result.desired().apps()).allSatisfy(app ->
        assertThat(app.traffic().socketActivation()).as(app.name()).isFalse());
    assertThat(result.desired().apps()).filteredOn(app -> !app.name().equals("reused"))
        .allSatisfy(app -> assertThat(app.balanced()).as(app.name()).isTrue());
    assertThat(result.desired().apps().get(1).sharesPort()).as("reused").isTrue();
  }

  @Test
  void appsThatDoNotRunOnNodeOrInClusterModeKeepTheirPlaneByDefault() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - {script: server.sh, name: shell, exec_mode: cluster, port: 8080}
          - {script: server.js, name: forked, port: 8081}
          - {script: server.sh, name: opted-in, exec_mode: cluster, port: 8082, socket_activation: true}
        """);

    assertThat(result.errors()).isEmpty();
    List<AppSpec> apps = result.desired().apps();
    assertThat(apps.get(0).balanced()).as("a non-Node app must speak systemd's protocol to inherit").isTrue();
    assertThat(apps.get(0).traffic().socketActivation()).isFalse();
    assertThat(apps.get(1).traffic().socketActivation()).as("fork mode").isFalse();
    assertThat(apps.get(1).balanced()).isFalse();
    assertThat(apps.get(2).inheritsSocket()).as("a non-Node app that says so").isTrue();
  }

  @Test
  void theDefaultPlaneIsPartOfTheSpecHashSoSwitchingItRestarts() {
    String file = """
        apps:
          - {script: server.js, name: api, exec_mode: cluster, port: 8080%s}
        """;
    AppSpec byDefault = fx.load("a.yaml", file.formatted("")).desired().apps().getFirst();
    AppSpec optedOut = fx.load("b.yaml", file.formatted(", socket_activation: false")).desired().apps().getFirst();
    AppSpec optedIn = fx.load("c.yaml", file.formatted(", socket_activation: true")).desired().apps().getFirst();

    assertThat(byDefault.specHash()).isEqualTo(optedIn.specHash()).isNotEqualTo(optedOut.specHash());
  }

  @Test
  void socketActivationNeedsClusterModeAPortAndNeitherReusePortNorProxyProtocol() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - script: server.sh
            name: forked
            port: 8080
            socket_activation: true
          - script: server.sh
            name: both
            exec_mode: cluster
            port: 8081
            reuse_port: true
            socket_activation: true
          - script: server.js
            name: portless
            exec_mode: cluster
            socket_activation: true
          - script: server.js
            name: proxied
            exec_mode: cluster
            port: 8082
            proxy_protocol: true
            socket_activation: true
        """);

    assertThat(result.errors()).extracting(ConfigProblem::render).satisfiesExactlyInAnyOrder(
        forked -> assertThat(forked).contains("e.yaml:5:").contains("forked")
            .contains("socket_activation: needs exec_mode: cluster and a port"),
        both -> assertThat(both).contains("e.yaml:11:").contains("both")
            .contains("socket_activation: reuse_port and socket_activation are two ways to share the port"),
        portless -> assertThat(portless).contains("e.yaml:15:").contains("portless")
            .contains("socket_activation: needs exec_mode: cluster and a port"),
        proxied -> assertThat(proxied).contains("e.yaml:21:").contains("proxied")
            .contains("socket_activation: the instances accept from the shared socket themselves",
                "socket_activation: false to keep the balancer"));
  }

  @Test
  void aHealthCheckNeedsAPortAndWaitReadyNeedsAPatternOutsideNode() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - script: server.sh
            name: api
            wait_ready: true
            health_check: {type: tcp}
        """);
    assertThat(result.errors()).extracting(ConfigProblem::render).singleElement().asString()
        .contains("health_check: names no port and the app has none");
    assertThat(result.warnings()).extracting(ConfigProblem::render).singleElement().asString()
        .contains("wait_ready: a non-Node app says it is ready with a stdout line: add ready_pattern");
  }

  @Test
  void aNodeAppWaitsForItsReadyMessageAndMayBeStoppedByMessage() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - script: server.js
            name: api
            wait_ready: true
            shutdown_with_message: true
          - script: server.sh
            name: worker
            shutdown_with_message: true
        """);
    assertThat(result.errors()).isEmpty();
    AppSpec api = result.desired().apps().getFirst();
    assertThat(api.runsOnNode()).isTrue();
    assertThat(api.traffic().waitReady()).isTrue();
    assertThat(api.stop().shutdownWithMessage()).isTrue();
    assertThat(result.desired().apps().get(1).runsOnNode()).isFalse();
    assertThat(result.warnings()).extracting(ConfigProblem::render).singleElement().asString()
        .contains("app \"worker\"", "shutdown_with_message: only a Node app receives the 'shutdown' message",
            "stop_signal (SIGINT)");
  }
}
