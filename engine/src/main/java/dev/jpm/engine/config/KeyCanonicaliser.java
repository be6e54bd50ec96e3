package dev.jpm.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives every key of an app its one canonical spelling before validation: PM2's aliases and the camelCase form of
 * every key map to the snake_case key of the schema. PM2-only keys are dropped with a warning; any other unknown key
 * is an error naming the nearest known key (PM2 silently drops them, which hides typos).
 *
 * <p>Canonical names are runtime-neutral where PM2's are Node-specific: {@code interpreter} (PM2's
 * {@code exec_interpreter}) and {@code interpreter_args} (PM2's {@code node_args}).
 */
final class KeyCanonicaliser {

  static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("exec_interpreter", "interpreter"),
      Map.entry("node_args", "interpreter_args"),
      Map.entry("exec", "script"),
      Map.entry("cmd", "script"),
      Map.entry("command", "script"),
      Map.entry("user", "uid"),
      Map.entry("out", "out_file"),
      Map.entry("output", "out_file"),
      Map.entry("out_log", "out_file"),
      Map.entry("error", "error_file"),
      Map.entry("err", "error_file"),
      Map.entry("err_file", "error_file"),
      Map.entry("err_log", "error_file"),
      Map.entry("log", "log_file"),
      Map.entry("combine_logs", "merge_logs"),
      Map.entry("cron", "cron_restart"),
      Map.entry("pid", "pid_file"));

  /** Keys that only mean something inside PM2 or Node: a PM2 file carrying them must still load. */
  static final Set<String> IGNORED = Set.of(
      "name_prefix", "install_url", "force", "execute_command", "username", "windowsHide", "write",
      "kill_retry_time", "treekill", "watch_options", "source_map_support",
      "disable_source_map_support", "pmx", "automation", "trace", "disable_trace", "v8", "event_loop_inspector",
      "deep_monitoring", "io");

  private static final Pattern PROFILE = Pattern.compile("env_\\S+");
  private static final Pattern UPPER = Pattern.compile("([A-Z])");

  private final Set<String> canonical;

  KeyCanonicaliser(Vocabulary vocabulary) {
    Set<String> keys = new TreeSet<>(vocabulary.appKeys());
    keys.removeAll(ALIASES.keySet());
    keys.removeAll(IGNORED);
    this.canonical = Set.copyOf(keys);
  }

  Set<String> canonicalKeys() {
    return canonical;
  }

  /** Rewrites {@code app} in place (and the marks of {@code tree}); reports ignored and unknown keys. */
  void canonicalise(ObjectNode app, String pointer, SourceTree tree, String appName, Problems problems) {
    List<String> written = new ArrayList<>(app.propertyNames());
    for (String key : written) {
      String member = SourceTree.child(pointer, key);
      if (PROFILE.matcher(key).matches() || canonical.contains(key)) continue;
      String snake = snakeCase(key);
      if (IGNORED.contains(key) || IGNORED.contains(snake)) {
        problems.warning(tree.keyAt(member), appName, null,
            "'" + key + "' is a PM2/Node-only option; jpm ignores it");
        app.remove(key);
        continue;
      }
      String target = canonicalOf(key, snake);
      if (target == null) {
        problems.error(tree.keyAt(member), appName, null, unknownKey(key, snake));
        app.remove(key);
        continue;
      }
      if (app.has(target)) {
        problems.error(tree.keyAt(member), appName, target,
            "'" + key + "' and '" + target + "' set the same option; keep one");
        app.remove(key);
        continue;
      }
      JsonNode value = app.remove(key);
      app.set(target, value);
      tree.move(member, SourceTree.child(pointer, target));
    }
  }

  private String canonicalOf(String key, String snake) {
    for (String spelling : List.of(key, snake)) {
      if (canonical.contains(spelling)) return spelling;
      if (ALIASES.containsKey(spelling)) return ALIASES.get(spelling);
    }
    return null;
  }

  private String unknownKey(String key, String snake) {
    Set<String> known = new TreeSet<>(canonical);
    known.addAll(ALIASES.keySet());
    return NearestKey.among(snake, known)
        .map(near -> "unknown key '" + key + "'; did you mean " + ALIASES.getOrDefault(near, near) + "?")
        .orElse("unknown key '" + key + "'");
  }

  /** {@code maxMemoryRestart} becomes {@code max_memory_restart}; snake_case is returned unchanged. */
  static String snakeCase(String key) {
    return UPPER.matcher(key).replaceAll("_$1").toLowerCase(Locale.ROOT);
  }
}
