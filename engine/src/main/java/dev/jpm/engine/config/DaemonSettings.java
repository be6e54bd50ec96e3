package dev.jpm.engine.config;

import dev.jpm.engine.model.MetricsEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The daemon-wide settings of {@code $JPM_HOME/settings.yaml}: one top-level section per concern, each read by
 * its own reader with located problems. A missing file means the defaults; a wrong section is reported and left at
 * its defaults while the others apply, so a typo never keeps the daemon from starting.
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

  /** The top-level sections and what each may hold; a new section adds its name here and its reader below. */
  static final Map<String, Set<String>> SECTIONS = Map.of(
      "metrics", Set.of(MetricsSection.PORT, MetricsSection.HOST, MetricsSection.SAMPLE_INTERVAL));

  /**
   * Settings as read, with the problems of the file (each {@code file:line:col: message}).
   *
   * @param settings what applies: defaults where the file says nothing or something wrong
   * @param problems what is wrong in the file, empty when all is well
   */
  public record Loaded(DaemonSettings settings, List<ConfigProblem> problems) {}

  /** Reads {@code settings.yaml} of {@code jpmHome}; never throws for a missing or bad file. */
  public static Loaded load(Path jpmHome) {
    Path file = jpmHome.toAbsolutePath().resolve(FILE_NAME);
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException missing) {
      return new Loaded(DEFAULTS, List.of());
    } catch (IOException e) {
      return new Loaded(DEFAULTS, List.of(new ConfigProblem(file.toString(), 0, 0, null, null,
          "cannot read the daemon settings: " + e.getMessage())));
    }
    return parse(file, text);
  }

  static Loaded parse(Path file, String text) {
    if (text.isBlank()) return new Loaded(DEFAULTS, List.of());
    Problems problems = new Problems(file.toString());
    Optional<SourceTree> tree = SourceReader.read(new ConfigSource(file, text, null, Map.of()), problems);
    if (tree.isEmpty()) return new Loaded(DEFAULTS, problems.errors());
    if (!(tree.get().root() instanceof ObjectNode root)) {
      problems.error(tree.get().valueAt(""), null, null, "the settings file must be a map of sections, such as metrics:");
      return new Loaded(DEFAULTS, problems.errors());
    }
    for (String key : root.propertyNames()) {
      if (SECTIONS.containsKey(key)) continue;
      String hint = NearestKey.among(key, SECTIONS.keySet()).map(near -> "; did you mean " + near + "?")
          .orElse("; known sections: " + String.join(", ", SECTIONS.keySet().stream().sorted().toList()));
      problems.error(tree.get().keyAt(SourceTree.child("", key)), null, null, "unknown section '" + key + "'" + hint);
    }
    MetricsSection metrics = new MetricsSection(tree.get(), "/metrics", problems);
    Optional<MetricsEndpoint> endpoint = metrics.endpoint(SECTIONS.get("metrics"), false);
    Duration interval = metrics.sampleIntervalMs().stream().mapToObj(Duration::ofMillis).findFirst()
        .orElse(DEFAULTS.sampleInterval());
    return new Loaded(new DaemonSettings(endpoint, interval), problems.errors());
  }
}
