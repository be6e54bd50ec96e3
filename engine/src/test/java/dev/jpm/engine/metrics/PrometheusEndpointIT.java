package dev.jpm.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.logs.LogStats;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.MetricsEndpoint;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.SpecBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint over real HTTP: text a Prometheus server parses, with the labels the docs promise. */
class PrometheusEndpointIT {

  /** A sample line of the text format: name, optional {labels}, a number. */
  static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\",?)*})? "
      + "(-?[0-9.eE+-]+|NaN|[+-]Inf)");

  static final InstanceId API0 = new InstanceId("api", 0);
  static final InstanceId API1 = new InstanceId("api", 1);
  static final long NOW = 1_800_000_000_000L;

  final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  final PrometheusEndpoint endpoint = new PrometheusEndpoint(PrometheusEndpointIT::table, PrometheusEndpointIT::sample,
      id -> id.equals(API0) ? new LogStats.Counts(1_000_000, 6_888_896, 17, 1_024) : LogStats.Counts.ZERO, clock);

  @AfterEach
  void close() {
    endpoint.close();
  }

  @Test
  void servesEveryInstanceWithAppIndexAndNamespaceLabels() throws Exception {
    assertThat(endpoint.configure(Optional.of(new MetricsEndpoint("127.0.0.1", 0)))).isEmpty();

    String text = MetricsScrape.get(endpoint.port().orElseThrow());

    for (String line : text.lines().toList())
      if (!line.isEmpty() && !line.startsWith("#")) assertThat(line).matches(SAMPLE);
    assertThat(text).contains(
        "jpm_instance_cpu_percent{app=\"api\",index=\"0\",namespace=\"shop\"} 12.5",
        "jpm_instance_memory_bytes{app=\"api\",index=\"0\",namespace=\"shop\"} 2.097152E8",
        "jpm_instance_restarts_total{app=\"api\",index=\"0\",namespace=\"shop\"} 3.0",
        "jpm_instance_restarts_total{app=\"api\",index=\"1\",namespace=\"shop\"} 7.0",
        "jpm_instance_uptime_seconds{app=\"api\",index=\"0\",namespace=\"shop\"} 90.0",
        "jpm_instance_status{app=\"api\",index=\"0\",namespace=\"shop\",status=\"online\"} 1.0",
        "jpm_instance_status{app=\"api\",index=\"1\",namespace=\"shop\",status=\"errored\"} 1.0",
        "jpm_instance_status{app=\"api\",index=\"1\",namespace=\"shop\",status=\"waiting_restart\"} 0.0",
        "jpm_instance_log_lines_total{app=\"api\",index=\"0\",namespace=\"shop\"} 1000000.0",
        "jpm_instance_log_bytes_total{app=\"api\",index=\"0\",namespace=\"shop\"} 6888896.0",
        "jpm_instance_log_dropped_lines_total{app=\"api\",index=\"0\",namespace=\"shop\"} 17.0",
        "jpm_instance_log_dropped_lines_total{app=\"api\",index=\"1\",namespace=\"shop\"} 0.0",
        "jpm_daemon_memory_bytes 6.7108864E7",
        "# TYPE jpm_instance_restarts_total counter");
    assertThat(text).as("an instance without a process has no usage").doesNotContain(
        "jpm_instance_memory_bytes{app=\"api\",index=\"1\"");
  }

  @Test
  void movesToAnotherPortAndStopsWhenAskedAndSaysWhyItCannotListen() throws Exception {
    endpoint.configure(Optional.of(new MetricsEndpoint("127.0.0.1", 0)));
    int first = endpoint.port().orElseThrow();
    int second;
    try (ServerSocket free = new ServerSocket(0)) {
      second = free.getLocalPort();
      assertThat(endpoint.configure(Optional.of(new MetricsEndpoint("127.0.0.1", second))).orElseThrow())
          .contains("could not listen");
    }
    assertThat(endpoint.configure(Optional.of(new MetricsEndpoint("127.0.0.1", second)))).isEmpty();
    assertThat(MetricsScrape.get(second)).contains("jpm_daemon_memory_bytes");

    endpoint.configure(Optional.empty());

    assertThat(endpoint.port()).isEmpty();
    assertThat(refused(first)).isTrue();
    assertThat(refused(second)).isTrue();
  }


  static boolean refused(int port) {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  static ObservedState table() {
    var spec = SpecBuilder.app("api").namespace("shop").build();
    var online = new ProcessRecord(API0, ProcessStatus.ONLINE, 42, 1, spec.specHash(), NOW - 90_000, 3, 0, null, null,
        null, null, 0);
    var errored = new ProcessRecord(API1, ProcessStatus.ERRORED, 0, 0, spec.specHash(), 0, 7, 3, 1, null, "crashed",
        null, 0);
    return new ObservedState(Map.of("api", new ObservedApp(spec, List.of(online, errored))));
  }

  static MetricsSnapshot sample() {
    return new MetricsSnapshot(NOW, Map.of(API0, new InstanceUsage(API0, 42, 12.5, 200 * 1024 * 1024, 2)),
        new InstanceUsage(MetricsSnapshot.DAEMON, 7, 0.5, 64 * 1024 * 1024, 1));
  }
}
