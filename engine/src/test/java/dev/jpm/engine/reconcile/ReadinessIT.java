package dev.jpm.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.health.Readiness;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ExecMode;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.model.Traffic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ready_pattern on stdout, and the PROXY header as the app sees it, with real processes. */
class ReadinessIT {

  @RegisterExtension final TrafficFixture fx = new TrafficFixture();

  @Test
  void anAppIsReadyOnlyOnceItsStdoutSaysSo() {
    AppSpec app = shell("late", "sleep 1; echo 'service is up'; exec sleep 60", "is up", 5000);

    long started = System.nanoTime();
    Reconciler.Outcome outcome = fx.apply(app);
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(outcome.failures()).isEmpty();
    // min_uptime is 300 ms: only the line, printed after a second, can have held the apply that long.
    assertThat(tookMs).isGreaterThanOrEqualTo(1000);
    ProcessRecord run = fx.supervisor.observe().apps().get("late").instances().getFirst();
    assertThat(fx.router.readiness().current(run).orElseThrow().readiness()).isEqualTo(Readiness.READY);
  }

  @Test
  void anAppThatNeverSaysItIsReadyFailsTheApplyAfterListenTimeout() {
    AppSpec app = shell("mute", "exec sleep 60", "never printed", 800);

    Reconciler.Outcome outcome = fx.apply(app);

    assertThat(outcome.failures()).singleElement().asString()
        .startsWith("mute#0 is not ready: not ready within listen_timeout (800 ms)")
        .contains("ready_pattern");
  }

  @Test
  void theProxyHeaderGivesTheAppTheClientAddress() throws Exception {
    int port = TrafficFixture.freePort();
    AppSpec api = TrafficFixture.app("api", 1, port, Map.of("PROXY", "1"),
        new Traffic("127.0.0.1", true, null, null, 1, 0, 1000, false));
    assertThat(fx.apply(api).failures()).isEmpty();

    try (HttpClient client = HttpClient.newHttpClient()) {
      String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/who")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(body).containsPattern("\\[PROXY TCP4 127\\.0\\.0\\.1 127\\.0\\.0\\.1 \\d+ " + port + "\\]");
    }
  }

  private static AppSpec shell(String name, String script, String readyPattern, long listenTimeoutMs) {
    List<String> command = List.of("bash", "-c", script);
    return new AppSpec(name, null, null, script, List.of(), null, List.of(), command,
        System.getProperty("java.io.tmpdir"), Map.of(), 1, ExecMode.FORK, null, null, null,
        new RestartPolicy(true, 3, 300, 0, 0, Set.of()), new StopPolicy("INT", 1000),
        new LogSpec(null, null, null, false, false, null, false, null), listenTimeoutMs, 0, null, List.of(),
        List.of(), 0, List.of(), true, null, new Traffic(null, false, null, readyPattern, 1, 0, 1000, false));
  }
}
