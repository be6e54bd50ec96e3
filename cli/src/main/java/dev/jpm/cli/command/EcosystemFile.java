package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.config.ConfigProblem;
import dev.jpm.engine.config.EcosystemFiles;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.config.RunsAsRoot;
import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    try {
      return new EcosystemFiles(home.dir()).read(path, workingDirectory, profile, env);
    } catch (NoSuchFileException missing) {
      throw new CliFailure(ExitCode.FAILURE, path + ": no such file (jpm init writes a starter ecosystem.yaml)");
    } catch (IOException e) {
      throw new CliFailure(ExitCode.FAILURE, path + ": cannot read: " + e.getMessage());
    }
  }

  /** An ecosystem given as text (PM2's {@code start -}); {@code path} names it and relative paths resolve by it. */
  public static LoadResult loadText(JpmHome home, Path path, String content, String profile, Map<String, String> env) {
    return new EcosystemFiles(home.dir()).text(path, content, profile, env);
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

  /** What {@code apply} and {@code start FILE} add: apps that will run as root because they name no user. */
  static void printApplyWarnings(LoadResult loaded, PrintWriter err, Style style) {
    printWarnings(loaded, err, style);
    RunsAsRoot.warning(loaded.desired()).ifPresent(w -> err.println(style.yellow("warning: " + w)));
  }

  private static List<String> render(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::render).toList();
  }
}
