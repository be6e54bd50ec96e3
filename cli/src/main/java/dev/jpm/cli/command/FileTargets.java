package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.model.AppSpec;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ecosystem files among a verb's targets, as PM2 reads {@code pm2 stop ecosystem.config.js}: each stands for the
 * apps it lists, by name ({@code --only} narrows them). The file is read as {@code apply} reads it; one with errors
 * acts on nothing.
 */
final class FileTargets {

  private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json", ".js", ".cjs", ".mjs");

  private FileTargets() {}

  /** Whether {@code target} names an ecosystem file that exists (an app is never named like one). */
  static boolean isFile(JpmCommand jpm, String target) {
    String lower = target.toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(lower::endsWith) && Files.isRegularFile(jpm.workingDirectory().resolve(target));
  }

  static boolean allFiles(JpmCommand jpm, List<String> targets) {
    return !targets.isEmpty() && targets.stream().allMatch(target -> isFile(jpm, target));
  }

  /** The targets with each file replaced by the names of its apps. */
  static List<String> expand(JpmCommand jpm, List<String> targets, Options options) {
    List<String> expanded = new ArrayList<>();
    for (String target : targets) {
      if (isFile(jpm, target)) expanded.addAll(names(load(jpm, target, options), target, options.only));
      else expanded.add(target);
    }
    return expanded;
  }

  /** The file, read and validated; a file with errors is a failure that says how to see them all. */
  static LoadResult load(JpmCommand jpm, String file, Options options) {
    LoadResult loaded = EcosystemFile.load(jpm.home(), jpm.workingDirectory(), file, options.profile, jpm.environment());
    if (!loaded.ok()) {
      List<String> errors = EcosystemFile.errors(loaded);
      throw new CliFailure(ExitCode.FAILURE, errors.getFirst() + (errors.size() > 1 ? " (and " + (errors.size() - 1)
          + " more; jpm validate " + file + " lists them)" : "") + "; nothing was changed");
    }
    return loaded;
  }

  private static List<String> names(LoadResult loaded, String file, List<String> only) {
    List<String> names = loaded.desired().apps().stream().map(AppSpec::name)
        .filter(name -> only.isEmpty() || only.contains(name)).toList();
    if (names.isEmpty())
      throw new CliFailure(ExitCode.USAGE, "--only " + String.join(",", only) + " names no app of " + file);
    return names;
  }

  /** The options of a verb whose targets may be files ({@code --only}, {@code --env}). */
  static final class Options {
    static final String ONLY = "With an ecosystem file as TARGET: only these of its apps.";
    static final String ENV = "With an ecosystem file as TARGET: read it with env_PROFILE merged over env.";

    @picocli.CommandLine.Option(names = "--only", split = ",", paramLabel = "APP", description = ONLY)
    List<String> only = List.of();

    @picocli.CommandLine.Option(names = "--env", paramLabel = "PROFILE", description = ENV)
    String profile;

    /** The options as a verb with a coded model ({@link CodedSpec#targets()}) parsed them. */
    static Options parsed(ClientCommand verb) {
      Options options = new Options();
      options.only = verb.parsed().matchedOptionValue("--only", List.of());
      options.profile = verb.parsed().matchedOptionValue("--env", null);
      return options;
    }
  }
}
