package dev.jpm.engine.metrics;

import dev.jpm.engine.logs.LogStats;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.MetricsEndpoint;
import dev.jpm.engine.model.ObservedState;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Prometheus text endpoint ({@code GET /metrics}), off until {@link #configure} names where to listen. Moving it
 * (another host or port) closes the old listener first; the same settings again change nothing. Thread-safe.
 */
public final class PrometheusEndpoint implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(PrometheusEndpoint.class.getName());

  private final InstanceCollectors collectors;
  // Guarded by this.
  private PrometheusRegistry registry;
  private MetricsEndpoint current;
  private HTTPServer server;

  /** Loads none of the client library until an endpoint is asked for: a daemon without one never pays for it. */
  public PrometheusEndpoint(Supplier<ObservedState> table, Supplier<MetricsSnapshot> metrics,
      Function<InstanceId, LogStats.Counts> logs, Clock clock) {
    this.collectors = new InstanceCollectors(table, metrics, logs, clock);
  }

  /**
   * Listens where {@code endpoint} says, or stops listening when empty.
   *
   * @return a problem to show the user (the port is taken...), empty when it listens as asked
   */
  public synchronized Optional<String> configure(Optional<MetricsEndpoint> endpoint) {
    if (endpoint.isPresent() && endpoint.get().equals(current) && server != null) return Optional.empty();
    stop();
    if (endpoint.isEmpty()) return Optional.empty();
    MetricsEndpoint wanted = endpoint.get();
    if (registry == null) {
      registry = new PrometheusRegistry();
      collectors.registerIn(registry);
    }
    try {
      server = HTTPServer.builder().hostname(wanted.host()).port(wanted.port()).registry(registry).buildAndStart();
      current = wanted;
      LOG.log(System.Logger.Level.INFO, "metrics at http://" + wanted.host() + ":" + server.getPort() + "/metrics");
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of("metrics endpoint " + wanted.host() + ":" + wanted.port() + " could not listen: " + e.getMessage());
    }
  }

  /** The port it listens on (useful when the settings said 0), or empty when off. */
  public synchronized Optional<Integer> port() {
    return server == null ? Optional.empty() : Optional.of(server.getPort());
  }

  @Override
  public synchronized void close() {
    stop();
  }

  private void stop() {
    if (server != null) server.close();
    server = null;
    current = null;
  }
}
