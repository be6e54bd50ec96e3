package dev.jpm.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How an app is launched: its script resolved against the working directory (or found on PATH), its interpreter
 * chosen by extension as PM2 does, and the complete argv. A script containing a space is a shell command line and
 * runs through {@code sh -c}, never checked on disk.
 *
 * @param script the script as resolved: absolute path of a file, a command name found on PATH, or a command line
 * @param interpreter interpreter executable, or null to execute the script directly
 * @param command the complete argv
 */
record LaunchCommand(String script, String interpreter, List<String> command) {

  static final String NO_INTERPRETER = "none";

  /** PM2's interpreters by extension, plus single-file source launch for {@code .java}. */
  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("js", "node"), Map.entry("cjs", "node"), Map.entry("mjs", "node"),
      Map.entry("ts", "bun"), Map.entry("tsx", "bun"),
      Map.entry("coffee", "coffee"), Map.entry("ls", "lsc"),
      Map.entry("py", "python3"), Map.entry("sh", "bash"), Map.entry("rb", "ruby"),
      Map.entry("php", "php"), Map.entry("pl", "perl"), Map.entry("java", "java"));

  /** Why a script could not be resolved: the file is not there relative to cwd and no such command is on PATH. */
  record NotFound(Path tried) {}

  static boolean isShellLine(String script) {
    return script.strip().contains(" ");
  }

  /**
   * Resolves {@code script} and builds the argv, or returns the path that was tried when the script does not exist.
   *
   * @param environment the daemon's environment (HOME): a function so that tests need not change it
   * @param commands the commands on the daemon's PATH
   */
  static Optional<LaunchCommand> of(String script, Path cwd, String interpreter, List<String> interpreterArgs,
      List<String> args, UnaryOperator<String> environment, CommandPath commands) {
    if (isShellLine(script)) return Optional.of(shellLine(script.strip(), args));
    Path file = cwd.resolve(PathSpelling.expandHome(script, environment)).normalize();
    String resolved;
    if (Files.exists(file)) resolved = file.toString();
    else if (!script.contains("/") && commands.has(script)) resolved = script;
    else return Optional.empty();
    String chosen = chooseInterpreter(interpreter, resolved, cwd, environment);
    List<String> argv = new ArrayList<>();
    if (chosen != null) {
      argv.add(chosen);
      argv.addAll(interpreterArgs);
    }
    argv.add(resolved);
    argv.addAll(args);
    return Optional.of(new LaunchCommand(resolved, chosen, argv));
  }

  static Path tried(String script, Path cwd, UnaryOperator<String> environment) {
    return cwd.resolve(PathSpelling.expandHome(script, environment)).normalize();
  }

  private static LaunchCommand shellLine(String line, List<String> args) {
    if (args.isEmpty()) return new LaunchCommand(line, null, List.of("sh", "-c", line));
    // Arguments reach the command line as "$@", never pasted into it: no second round of shell parsing.
    List<String> argv = new ArrayList<>(List.of("sh", "-c", line + " \"$@\"", "sh"));
    argv.addAll(args);
    return new LaunchCommand(line, null, argv);
  }

  private static String chooseInterpreter(String given, String script, Path cwd, UnaryOperator<String> environment) {
    if (given != null) {
      if (given.equals(NO_INTERPRETER)) return null;
      return given.contains("/") ? cwd.resolve(PathSpelling.expandHome(given, environment)).normalize().toString() : given;
    }
    String name = Path.of(script).getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
