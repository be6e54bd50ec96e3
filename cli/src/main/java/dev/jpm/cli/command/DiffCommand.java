package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.cli.render.PlanText;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jpm diff FILE} (or {@code --gitops NAME}: a GitOps source's newest revision): the plan only. Exit 0 in sync,
 * 1 changes pending, 2 usage, 3 invalid file.
 */
public final class DiffCommand extends ClientCommand {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new DiffCommand(), jpm, "diff", "Show what apply would do, without touching anything.")
        .positional("0", "0..1", "FILE", "Ecosystem file (YAML or strict JSON).")
        .option("--gitops", "NAME", String.class, "Plan a GitOps source's newest revision instead.")
        .option("--env", "PROFILE", String.class, "Merge env_PROFILE over env.")
        .flag("Include deleting apps this file once applied and no longer lists.", "--prune")
        .listOption("--only", "APP", "Limit the plan to these apps.")
        .flag("Print the plan as JSON.", "--json")
        .spec();
  }

  @Override
  public Integer call() throws Exception {
    boolean json = flag("--json");
    Response response = plan();
    if (response instanceof Response.Invalid invalid) {
      if (json) printJson(invalid);
      return json ? ExitCode.FAILURE : Problems.print(invalid, err(), style());
    }
    Response.Planned planned = expect(response, Response.Planned.class);
    if (json) {
      printJson(planned);
    } else {
      Style style = style();
      planned.warnings().forEach(w -> err().println(style.yellow("warning: " + w)));
      if (planned.lines().isEmpty()) out().println("in sync: nothing to do");
      planned.lines().forEach(line -> out().println(PlanText.line(line, style)));
    }
    return planned.inSync() ? ExitCode.OK : ExitCode.NOT_CONVERGED;
  }

  /** The daemon's plan, or the problems of a file with errors (the daemon is not asked then). */
  private Response plan() throws IOException {
    String file = parsed().matchedPositionalValue(0, null);
    String gitops = parsed().matchedOptionValue("--gitops", null);
    boolean prune = flag("--prune");
    List<String> only = parsed().matchedOptionValue("--only", List.of());
    if ((file == null) == (gitops == null)) throw new CliFailure(ExitCode.USAGE, "name a FILE or --gitops NAME");
    if (gitops != null) return send(new Request.GitOpsDiff(gitops));
    LoadResult loaded = EcosystemFile.load(jpm.home(), jpm.workingDirectory(), file,
        parsed().matchedOptionValue("--env", null), jpm.environment());
    if (!loaded.ok()) return EcosystemFile.invalid(loaded);
    ApplyCommand.requireKnown(only, loaded, prune);
    Response.Planned planned = expect(send(new Request.Plan(loaded.desired(), prune, only)), Response.Planned.class);
    // The CLI read the file, so its warnings are the CLI's to report (the daemon has none for a plan).
    return new Response.Planned(planned.lines(), EcosystemFile.warnings(loaded), planned.inSync());
  }
}
