package dev.jpm.engine.config;

import dev.jpm.engine.model.MetricsEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The daemon-wide settings of {@code $JPM_HOME/settings.yaml}, as {@link DaemonSettingsReader} reads them. Plain
 * data: the daemon shares it with the config stack it loads in a class loader of its own, so it refers to no parsing
 * class.
 *
 * <pre>
 * metrics:
 *   port: 9209            # Prometheus text at http://127.0.0.1:9209/metrics (off without a port)
 *   host: 127.0.0.1
 *   sample_interval: 2s   # how often CPU and memory are sampled (and max_memory_restart checked)
 * </pre>
 *
 * @param metricsEndpoint where the Prometheus endpoint listens, empty when off
 * @param sampleInterval how often instances are sampled
 */
public record DaemonSettings(Optional<MetricsEndpoint> metricsEndpoint, Duration sampleInterval) {

  public static final String FILE_NAME = "settings.yaml";
  public static final DaemonSettings DEFAULTS = new DaemonSettings(Optional.empty(), Duration.ofSeconds(2));

  /**
   * Settings as read, with the problems of the file (each {@code file:line:col: message}).
   *
   * @param settings what applies: defaults where the file says nothing or something wrong
   * @param problems what is wrong in the file, empty when all is well
   */
  public record Loaded(DaemonSettings settings, List<ConfigProblem> problems) {

    /** No settings file, or an empty one: the defaults, nothing to report. */
    public static final Loaded NONE = new Loaded(DEFAULTS, List.of());
  }
}
