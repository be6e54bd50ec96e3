package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.config.LoadResult;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jpm validate FILE}: schema and semantic checks, offline (no daemon). Exit 0 valid, 3 invalid. */
public final class ValidateCommand extends ClientCommand {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new ValidateCommand(), jpm, "validate",
            "Check a file against the schema and jpm's rules; changes nothing.")
        .positional("0", "1", "FILE", "Ecosystem file (YAML or strict JSON).")
        .option("--env", "PROFILE", String.class, "Check with env_PROFILE merged over env.")
        .flag("Print the result as JSON.", "--json")
        .spec();
  }

  @Override
  public Integer call() {
    LoadResult result = EcosystemFile.load(jpm.home(), jpm.workingDirectory(), parsed().matchedPositionalValue(0, ""),
        parsed().matchedOptionValue("--env", null), jpm.environment());
    if (flag("--json")) {
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
