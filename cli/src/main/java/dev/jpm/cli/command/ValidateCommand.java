package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.config.ConfigProblem;
import dev.jpm.engine.config.ConfigSource;
import dev.jpm.engine.config.EcosystemLoader;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpm validate FILE}: schema and semantic checks, offline (no daemon). Exit 0 valid, 3 invalid. */
@Command(name = "validate", description = "Check a file against the schema and jpm's rules; changes nothing.")
public final class ValidateCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "Ecosystem file (YAML or strict JSON).")
  String file;

  @Option(names = "--env", paramLabel = "PROFILE", description = "Check with env_PROFILE merged over env.")
  String profile;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Request.Ecosystem ecosystem = EcosystemFile.read(jpm.workingDirectory(), file, profile, jpm.environment());
    EcosystemLoader loader = new EcosystemLoader(jpm.home().dir(), Runtime.getRuntime().availableProcessors());
    LoadResult result = loader.load(new ConfigSource(Path.of(ecosystem.file()), ecosystem.content(), profile,
        ecosystem.variables()));
    List<String> errors = result.errors().stream().map(ConfigProblem::render).toList();
    List<String> warnings = result.warnings().stream().map(ConfigProblem::render).toList();
    if (json) {
      printJson(new Verdict(result.ok(), errors, warnings,
          result.ok() ? result.desired().apps().stream().map(a -> a.name()).toList() : List.of()));
      return result.ok() ? ExitCode.OK : ExitCode.FAILURE;
    }
    if (!result.ok()) return Problems.print(new Response.Invalid(errors, warnings), err(), style());
    Style style = style();
    warnings.forEach(w -> err().println(style.yellow("warning: " + w)));
    out().println(style.green("valid") + ": " + ecosystem.file() + " (" + result.desired().apps().size() + " apps)");
    return ExitCode.OK;
  }

  /** The stable shape of {@code validate --json}. */
  record Verdict(boolean valid, List<String> errors, List<String> warnings, List<String> apps) {}
}
