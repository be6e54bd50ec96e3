package dev.jpm.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * PM2's command line turned into jpm's, for {@code jpm pm2 ...} and the launcher called as {@code pm2}. Pure: the
 * caller says which words name files. Most of PM2's verbs and options are jpm's already; what differs is where jpm
 * chose another behaviour and a PM2 script expects PM2's:
 * <ul>
 *   <li>{@code start FILE} restarts the file's running apps and starts the others ({@code startOrRestart}), where
 *       jpm's {@code start FILE} applies the difference;
 *   <li>{@code start NAME|ID|all} of registered apps restarts them (PM2's "smart start");
 *   <li>{@code -v}/{@code --version} print the version (jpm's {@code -v} is verbose errors);
 *   <li>PM2's other spellings of a verb ({@code l}, {@code del}, {@code updatePM2}...).
 * </ul>
 */
final class Pm2CommandLine {

  /** jpm's arguments for a PM2 command line, or a version request. */
  record Translation(List<String> args, boolean version) {}

  private static final Map<String, String> SPELLINGS = Map.ofEntries(
      Map.entry("l", "ls"), Map.entry("list", "ls"), Map.entry("ps", "ls"), Map.entry("status", "ls"),
      Map.entry("del", "delete"), Map.entry("info", "show"), Map.entry("desc", "show"), Map.entry("describe", "show"),
      Map.entry("dash", "monit"), Map.entry("dashboard", "monit"), Map.entry("dump", "save"),
      Map.entry("ecosystem", "init"), Map.entry("updatePM2", "update"));

  private Pm2CommandLine() {}

  /**
   * @param pm2 the words after {@code pm2}
   * @param isFile whether a word names an existing regular file (relative to the caller's folder)
   */
  static Translation translate(List<String> pm2, Predicate<String> isFile) {
    if (pm2.isEmpty() || pm2.getFirst().equals("-v") || pm2.getFirst().equals("--version")
        || pm2.getFirst().equals("-V")) return new Translation(List.of(), pm2.isEmpty() ? false : true);
    String verb = SPELLINGS.getOrDefault(pm2.getFirst(), pm2.getFirst());
    List<String> rest = pm2.subList(1, pm2.size());
    List<String> args = new ArrayList<>();
    if (verb.equals("start") && !rest.isEmpty() && !rest.getFirst().startsWith("-")) {
      String target = rest.getFirst();
      if (isFile.test(target) && isEcosystem(target)) verb = "startOrRestart";
      else if (!isFile.test(target) && !hasAppOptions(rest)) verb = "restart";
    }
    args.add(verb);
    args.addAll(rest);
    return new Translation(args, false);
  }

  /** PM2's rule ({@code Common.isConfigFile}). */
  static boolean isEcosystem(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    return lower.endsWith(".config.js") || lower.endsWith(".config.cjs") || lower.endsWith(".config.mjs")
        || lower.endsWith(".json") || lower.endsWith(".yml") || lower.endsWith(".yaml");
  }

  /** {@code pm2 start sleep --name nap -- 100}: a command on PATH run as an app, not a registered app. */
  private static boolean hasAppOptions(List<String> rest) {
    return rest.stream().anyMatch(word -> word.equals("--name") || word.equals("-n") || word.startsWith("--name=")
        || word.equals("-i") || word.equals("--instances") || word.equals("--"));
  }
}
