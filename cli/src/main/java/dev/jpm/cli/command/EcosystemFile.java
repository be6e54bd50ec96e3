package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.config.ConfigProblem;
import dev.jpm.engine.config.ConfigSource;
import dev.jpm.engine.config.EcosystemLoader;
import dev.jpm.engine.config.JavaScriptEcosystem;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.config.VariableReferences;
import dev.jpm.engine.protocol.JpmHome;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and loads an ecosystem file in the CLI, for {@code apply}, {@code diff}, {@code validate} and
 * {@code start FILE}: parse, schema, profile and normalisation, with the values of exactly the {@code ${VAR}}s the
 * file uses, so nothing else of the caller's shell reaches the daemon or the apps. The daemon gets the normalised
 * apps; a file with errors never reaches it (nor starts it). A JavaScript file ({@code ecosystem.config.js}) is
 * first evaluated by the caller's {@code node}, with the caller's environment, as PM2 does.
 */
public final class EcosystemFile {

  private EcosystemFile() {}

  /** Every problem of the file, and its apps when it has no error. */
  public static LoadResult load(JpmHome home, Path workingDirectory, String file, String profile,
      Map<String, String> env) {
    Path path = workingDirectory.resolve(file).toAbsolutePath().normalize();
    if (!Files.exists(path))
      throw new CliFailure(ExitCode.FAILURE, path + ": no such file (jpm init writes a starter ecosystem.yaml)");
    if (JavaScriptEcosystem.isJavaScript(path)) return loadJavaScript(home, workingDirectory, path, profile, env);
    String content;
    try {
      content = Files.readString(path);
    } catch (NoSuchFileException missing) {
      throw new CliFailure(ExitCode.FAILURE, path + ": no such file (jpm init writes a starter ecosystem.yaml)");
    } catch (IOException e) {
      throw new CliFailure(ExitCode.FAILURE, path + ": cannot read: " + e.getMessage());
    }
    return loadText(home, path, content, profile, env);
  }

  /** An ecosystem given as text (PM2's {@code start -}); {@code path} names it and relative paths resolve by it. */
  public static LoadResult loadText(JpmHome home, Path path, String content, String profile, Map<String, String> env) {
    return loader(home).load(new ConfigSource(path, content, profile, variables(content, env)));
  }

  private static LoadResult loadJavaScript(JpmHome home, Path workingDirectory, Path path, String profile,
      Map<String, String> env) {
    return switch (JavaScriptEcosystem.evaluate(path, workingDirectory, env)) {
      case JavaScriptEcosystem.Failed failed -> new LoadResult(null, failed.problems(), List.of());
      case JavaScriptEcosystem.Evaluated evaluated -> {
        LoadResult loaded = loader(home).load(
            new ConfigSource(path, evaluated.json(), profile, variables(evaluated.json(), env), false));
        yield evaluated.console().isBlank() ? loaded : withWarning(loaded, new ConfigProblem(path.toString(), 0, 0,
            null, null, "the file printed while node evaluated it: " + evaluated.console().strip()));
      }
    };
  }

  private static LoadResult withWarning(LoadResult loaded, ConfigProblem warning) {
    List<ConfigProblem> warnings = new ArrayList<>(loaded.warnings());
    warnings.addFirst(warning);
    return new LoadResult(loaded.desired(), loaded.errors(), warnings);
  }

  private static EcosystemLoader loader(JpmHome home) {
    return new EcosystemLoader(home.dir(), Runtime.getRuntime().availableProcessors());
  }

  /** The caller's values of the {@code ${VAR}}s the text names, and no other. */
  private static Map<String, String> variables(String content, Map<String, String> env) {
    Map<String, String> variables = new TreeMap<>();
    for (String name : VariableReferences.scan(content)) {
      String value = env.get(name);
      if (value != null) variables.put(name, value);
    }
    return variables;
  }

  /** The problems of a file that has errors, as {@link Problems} prints them and {@code --json} writes them. */
  static Response.Invalid invalid(LoadResult loaded) {
    return new Response.Invalid(errors(loaded), warnings(loaded));
  }

  static List<String> errors(LoadResult loaded) {
    return render(loaded.errors());
  }

  static List<String> warnings(LoadResult loaded) {
    return render(loaded.warnings());
  }

  /** Prints the warnings of a usable file, before anything is sent. */
  static void printWarnings(LoadResult loaded, PrintWriter err, Style style) {
    warnings(loaded).forEach(w -> err.println(style.yellow("warning: " + w)));
  }

  private static List<String> render(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::render).toList();
  }
}
