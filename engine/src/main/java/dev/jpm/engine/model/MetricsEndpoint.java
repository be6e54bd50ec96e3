package dev.jpm.engine.model;

/**
 * Where the Prometheus text endpoint listens ({@code metrics: {port, host}}); off unless a file or the daemon's
 * settings ask for it.
 *
 * @param host address to bind, loopback by default
 * @param port TCP port; 0 picks a free one
 */
public record MetricsEndpoint(String host, int port) {

  public static final String DEFAULT_HOST = "127.0.0.1";

  public MetricsEndpoint {
    if (host == null || host.isBlank()) host = DEFAULT_HOST;
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
  }
}
