package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jpm apply FILE}: converge the process table with the file. */
public final class ApplyCommand extends ClientCommand {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new ApplyCommand(), jpm, "apply", "Start, scale, restart or update apps so they match the file.")
        .positional("0", "1", "FILE", "Ecosystem file (YAML or strict JSON).")
        .option("--env", "PROFILE", String.class, "Merge env_PROFILE over env.")
        .flag("Delete apps this file once applied and no longer lists.", "--prune")
        .listOption("--only", "APP", "Limit the plan to these apps.")
        .spec();
  }

  @Override
  public Integer call() throws Exception {
    LoadResult loaded = EcosystemFile.load(jpm.home(), jpm.workingDirectory(), parsed().matchedPositionalValue(0, ""),
        parsed().matchedOptionValue("--env", null), jpm.environment());
    return apply(this, loaded, flag("--prune"),
        parsed().matchedOptionValue("--only", List.of()));
  }

  /**
   * Prints the problems of a file with errors (the daemon is not asked, nor started); otherwise sends its apps,
   * prints the progress, plan and outcome, as {@code verb}. The exit code. Also {@code start FILE}'s.
   */
  static int apply(ClientCommand verb, LoadResult loaded, boolean prune, List<String> only) throws IOException {
    if (!loaded.ok()) return Problems.print(EcosystemFile.invalid(loaded), verb.err(), verb.style());
    requireKnown(only, loaded, prune);
    EcosystemFile.printApplyWarnings(loaded, verb.err(), verb.style());
    Response response = verb.send(new Request.Apply(loaded.desired(), prune, only));
    Response.Applied applied = expect(response, Response.Applied.class);
    if (applied.plan().isEmpty()) verb.out().println("in sync: nothing to do");
    return verb.printApplied(applied);
  }

  /**
   * {@code --only} must name apps of the file: a typo would otherwise plan nothing and say "in sync". With
   * {@code --prune} a name the file no longer lists is how one app is pruned, so it is left to the daemon.
   */
  static void requireKnown(List<String> only, LoadResult loaded, boolean prune) {
    if (prune) return;
    List<String> names = loaded.desired().apps().stream().map(app -> app.name()).toList();
    List<String> unknown = only.stream().filter(name -> !names.contains(name)).toList();
    if (!unknown.isEmpty())
      throw new CliFailure(ExitCode.USAGE, "--only " + String.join(",", unknown) + ": the file has no app named so"
          + " (its apps: " + String.join(", ", names) + ")");
  }
}
