package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.PlanText;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm diff FILE} (or {@code --gitops NAME}: a GitOps source's newest revision): the plan only. Exit 0 in sync,
 * 1 changes pending, 2 usage, 3 invalid file.
 */
@Command(name = "diff", description = "Show what apply would do, without touching anything.")
public final class DiffCommand extends ClientCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Ecosystem file (YAML or strict JSON).")
  String file;

  @Option(names = "--gitops", paramLabel = "NAME", description = "Plan a GitOps source's newest revision instead.")
  String gitops;

  @Option(names = "--env", paramLabel = "PROFILE", description = "Merge env_PROFILE over env.")
  String profile;

  @Option(names = "--prune", description = "Include deleting apps this file once applied and no longer lists.")
  boolean prune;

  @Option(names = "--only", split = ",", paramLabel = "APP", description = "Limit the plan to these apps.")
  List<String> only = List.of();

  @Option(names = "--json", description = "Print the plan as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
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
    if ((file == null) == (gitops == null)) throw new CliFailure(ExitCode.USAGE, "name a FILE or --gitops NAME");
    if (gitops != null) return send(new Request.GitOpsDiff(gitops));
    LoadResult loaded = EcosystemFile.load(jpm.home(), jpm.workingDirectory(), file, profile, jpm.environment());
    if (!loaded.ok()) return EcosystemFile.invalid(loaded);
    ApplyCommand.requireKnown(only, loaded, prune);
    Response.Planned planned = expect(send(new Request.Plan(loaded.desired(), prune, only)), Response.Planned.class);
    // The CLI read the file, so its warnings are the CLI's to report (the daemon has none for a plan).
    return new Response.Planned(planned.lines(), EcosystemFile.warnings(loaded), planned.inSync());
  }
}
