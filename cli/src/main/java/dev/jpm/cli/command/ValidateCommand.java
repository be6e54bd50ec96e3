package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.config.LoadResult;
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
    LoadResult result = EcosystemFile.load(jpm.home(), jpm.workingDirectory(), file, profile, jpm.environment());
    if (json) {
      printJson(new Verdict(result.ok(), EcosystemFile.errors(result), EcosystemFile.warnings(result),
          result.ok() ? result.desired().apps().stream().map(a -> a.name()).toList() : List.of()));
      return result.ok() ? ExitCode.OK : ExitCode.FAILURE;
    }
    if (!result.ok()) return Problems.print(EcosystemFile.invalid(result), err(), style());
    Style style = style();
    EcosystemFile.printWarnings(result, err(), style);
    out().println(style.green("valid") + ": " + result.desired().source() + " (" + result.desired().apps().size()
        + " apps)");
    return ExitCode.OK;
  }

  /** The stable shape of {@code validate --json}. */
  record Verdict(boolean valid, List<String> errors, List<String> warnings, List<String> apps) {}
}
