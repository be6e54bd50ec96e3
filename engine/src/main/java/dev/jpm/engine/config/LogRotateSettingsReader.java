package dev.jpm.engine.config;

import dev.jpm.engine.model.LogRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code log_rotate:} section of {@code JPM_HOME/settings.yaml}. Other sections belong to other readers
 * and are left alone. A bad section is reported with file:line:column and rotation stays off, so a typo never stops
 * the daemon.
 */
public final class LogRotateSettingsReader {

  static final Set<String> KEYS = Set.of("size", "interval", "keep", "compress");

  private LogRotateSettingsReader() {}

  /** Reads {@code settingsFile}; a missing file means no default rotation. */
  public static LogRotateSettings read(Path settingsFile) {
    String text;
    try {
      text = Files.readString(settingsFile);
    } catch (NoSuchFileException absent) {
      return new LogRotateSettings(LogRotation.NONE, List.of());
    } catch (IOException e) {
      return new LogRotateSettings(LogRotation.NONE, List.of(settingsFile + ": cannot read: " + e.getMessage()));
    }
    if (text.isBlank()) return new LogRotateSettings(LogRotation.NONE, List.of());
    Problems problems = new Problems(settingsFile.toString());
    Optional<SourceTree> tree = SourceReader.read(new ConfigSource(settingsFile, text, null, Map.of()), problems);
    LogRotation rotation = tree.map(t -> section(t, problems)).orElse(null);
    List<String> rendered = problems.errors().stream().map(ConfigProblem::render).toList();
    return new LogRotateSettings(rotation == null || !rendered.isEmpty() ? LogRotation.NONE : rotation, rendered);
  }

  private static LogRotation section(SourceTree tree, Problems problems) {
    JsonNode section = tree.root().path("log_rotate");
    String at = SourceTree.child("", "log_rotate");
    if (section.isMissingNode() || section.isNull() || (section.isBoolean() && !section.asBoolean())) return null;
    if (!section.isObject()) {
      problems.error(tree.valueAt(at), null, "log_rotate", "must be {size, interval, keep, compress} or false");
      return null;
    }
    for (String key : section.propertyNames()) {
      if (!KEYS.contains(key))
        problems.error(tree.keyAt(SourceTree.child(at, key)), null, "log_rotate." + key,
            "unknown key; known: " + String.join(", ", KEYS.stream().sorted().toList()));
    }
    JsonNode size = section.path("size");
    if (!size.isMissingNode() && Sizes.parse(size).isEmpty())
      problems.error(tree.valueAt(SourceTree.child(at, "size")), null, "log_rotate.size",
          "not a size: " + size + " (bytes, or a number with K, M or G)");
    String interval = section.path("interval").asString("daily");
    if (!interval.equals("daily") && !interval.equals("hourly"))
      problems.error(tree.valueAt(SourceTree.child(at, "interval")), null, "log_rotate.interval",
          "must be daily or hourly, got " + interval);
    JsonNode keep = section.path("keep");
    if (!keep.isMissingNode() && (!keep.isIntegralNumber() || keep.asInt() < 1))
      problems.error(tree.valueAt(SourceTree.child(at, "keep")), null, "log_rotate.keep",
          "must be a whole number of files >= 1, got " + keep);
    if (!section.has("size") && !section.has("interval"))
      problems.error(tree.valueAt(at), null, "log_rotate", "says neither size nor interval, so it would never rotate");
    return problems.hasErrors() ? null : LogRotations.of(section);
  }
}
