package dev.jpm.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.Traffic;
import dev.jpm.engine.plan.VerbPlanner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stop that {@code jpm stop}, {@code restart} and {@code delete} do on a balanced instance, through the
 * reconciler's verb path: drained first, so a request in flight is answered even by an app that dies at once on the
 * stop signal.
 */
class DrainBeforeStopIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final InstanceId API_0 = new InstanceId("api", 0);

  @RegisterExtension final TrafficFixture fx = new TrafficFixture();
  private int port;

  @BeforeEach
  void pickFrontPort() throws IOException {
    port = TrafficFixture.freePort();
  }

  @Test
  void aRequestInFlightIsAnsweredBeforeTheStopSignal() throws Exception {
    // Longer than the slow request; the client's idle keep-alive connection stays open until then.
    Traffic drainLong = new Traffic("127.0.0.1", false, null, null, 1, 0, 3 * HttpFixture.SLOW_MS, false);
    assertThat(fx.apply(TrafficFixture.app("api", 1, port, Map.of("ABRUPT", "1"), drainLong)).failures()).isEmpty();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
        HttpResponse.BodyHandlers.ofString());
    await().atMost(PATIENCE).until(() -> fx.router.balancer().view("api").orElseThrow().connections()
        .getOrDefault(API_0, 0) > 0);

    Reconciler.Outcome stop = fx.reconciler.control(VerbPlanner.Verb.STOP, Map.of("api", List.of(API_0)), Set.of(),
        fx.progress::add);

    assertThat(stop.plan().lines()).containsExactly("- stop api#0 (jpm stop)");
    // The client's idle keep-alive connection outlives drain_timeout: the verb says it closes it, then stops.
    assertThat(fx.progress).containsSubsequence("api#0: connections still open after drain_timeout are closed",
        "stopped api#0");
    assertThat(fx.router.balancer().view("api").orElseThrow().inRotation()).doesNotContain(API_0);
    assertThat(slow).as("answered before the stop signal").isDone();

    HttpResponse<String> answer = slow.get();
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("/slow");
    assertThat(fx.supervisor.observe().apps().get("api").instances().getFirst().status())
        .isEqualTo(ProcessStatus.STOPPED);
  }

  @Test
  void aTargetDeletedMeanwhilePlansNothing() {
    Reconciler.Outcome stop = fx.reconciler.control(VerbPlanner.Verb.STOP, Map.of("nobody",
        List.of(new InstanceId("nobody", 0))), Set.of(), fx.progress::add);

    assertThat(stop.plan().actions()).isEmpty();
    assertThat(stop.converged()).isTrue();
  }
}
