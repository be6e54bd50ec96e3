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
 * Reads {@code $JPM_HOME/settings.yaml} into {@link DaemonSettings}: one top-level section per concern, each read by
 * its own reader with located problems. A missing file means the defaults; a wrong section is reported and left at
 * its defaults while the others apply, so a typo never keeps the daemon from starting.
 */
public final class DaemonSettingsReader {

  /**
   * The top-level sections and what each may hold; a new section adds its name here and its reader below
   * ({@code log_rotate} has its own reader, {@link LogRotateSettingsReader}, which checks its keys).
   */
  static final Map<String, Set<String>> SECTIONS = Map.of(
      "metrics", Set.of(MetricsSection.PORT, MetricsSection.HOST, MetricsSection.SAMPLE_INTERVAL),
      "log_rotate", LogRotateSettingsReader.KEYS);

  private DaemonSettingsReader() {}

  /** Reads {@code settings.yaml} of {@code jpmHome}; never throws for a missing or bad file. */
  public static DaemonSettings.Loaded load(Path jpmHome) {
    Path file = jpmHome.toAbsolutePath().resolve(DaemonSettings.FILE_NAME);
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException missing) {
      return DaemonSettings.Loaded.NONE;
    } catch (IOException e) {
      return new DaemonSettings.Loaded(DaemonSettings.DEFAULTS, List.of(new ConfigProblem(file.toString(), 0, 0,
          null, null, "cannot read the daemon settings: " + e.getMessage())));
    }
    return parse(file, text);
  }

  static DaemonSettings.Loaded parse(Path file, String text) {
    if (text.isBlank()) return DaemonSettings.Loaded.NONE;
    Problems problems = new Problems(file.toString());
    Optional<SourceTree> tree = SourceReader.read(new ConfigSource(file, text, null, Map.of()), problems);
    if (tree.isEmpty()) return new DaemonSettings.Loaded(DaemonSettings.DEFAULTS, problems.errors());
    if (!(tree.get().root() instanceof ObjectNode root)) {
      problems.error(tree.get().valueAt(""), null, null, "the settings file must be a map of sections, such as metrics:");
      return new DaemonSettings.Loaded(DaemonSettings.DEFAULTS, problems.errors());
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
        .orElse(DaemonSettings.DEFAULTS.sampleInterval());
    return new DaemonSettings.Loaded(new DaemonSettings(endpoint, interval), problems.errors());
  }
}
