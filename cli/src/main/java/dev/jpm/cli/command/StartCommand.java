package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.engine.config.AppSpecs;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm start}, with PM2's three habits: {@code start ecosystem.yaml} applies a file, {@code start app.js
 * --name api -i 2 -- --port 80} runs a script as an app, {@code start api} starts a registered app.
 */
@Command(name = "start", description = "Start registered apps, apply an ecosystem file, or run a script as an app.")
public final class StartCommand extends ControlVerb {

  @Parameters(arity = "1..*", paramLabel = "TARGET", description = "App, NAME#INDEX, all, an ecosystem file, or a script.")
  List<String> targets;

  @Option(names = "--name", paramLabel = "NAME", description = "App name for a script (default: its base name).")
  String name;

  @Option(names = {"-i", "--instances"}, paramLabel = "N", description = "Instances for a script: N, max, or -N.")
  String instances;

  @Option(names = "--env", paramLabel = "PROFILE", description = "Profile when TARGET is an ecosystem file.")
  String profile;

  @Override
  public Integer call() throws Exception {
    String first = targets.getFirst();
    Path path = jpm.workingDirectory().resolve(first);
    boolean isFile = !first.contains("#") && !first.equals("all") && Files.isRegularFile(path);
    if (isFile && isEcosystemFile(first)) return applyFile(first);
    if (isFile || name != null || instances != null) return startScript(first, targets.subList(1, targets.size()));
    return control(Request.Verb.START, targets);
  }

  /** PM2's rule ({@code Common.isConfigFile}): a script {@code app.js} runs, {@code app.config.js} is applied. */
  private static boolean isEcosystemFile(String file) {
    String lower = file.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".config.js") || lower.endsWith(".config.cjs") || lower.endsWith(".config.mjs")
        || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  private int applyFile(String file) throws Exception {
    LoadResult loaded = EcosystemFile.load(jpm.home(), jpm.workingDirectory(), file, profile, jpm.environment());
    return ApplyCommand.apply(jpm.client(), loaded, false, List.of(), out(), err(), style());
  }

  private int startScript(String script, List<String> args) throws Exception {
    Path path = jpm.workingDirectory().resolve(script);
    String resolved = Files.exists(path) ? path.toAbsolutePath().normalize().toString() : script;
    LoadResult loaded = new AppSpecs(jpm.home().dir(), Runtime.getRuntime().availableProcessors())
        .fromCommandLine(resolved, name, instances, args, jpm.workingDirectory());
    if (!loaded.ok())
      throw new CliFailure(ExitCode.USAGE, String.join("; ", EcosystemFile.errors(loaded)));
    Request.StartScript request = new Request.StartScript(loaded.desired().apps().getFirst());
    return printApplied(expect(send(request), Response.Applied.class));
  }
}
