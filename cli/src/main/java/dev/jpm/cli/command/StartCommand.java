package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.engine.config.AppSpecs;
import dev.jpm.engine.config.ConfigProblem;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm start}, with PM2's habits: {@code start ecosystem.config.js} applies a file (no target: the
 * {@code ecosystem.config.js} or {@code ecosystem.yaml} of this folder), {@code start -} one read from stdin,
 * {@code start app.js -i max --watch -- --port 80} runs a script as an app with PM2's options, {@code start api}
 * starts a registered app.
 */
@Command(name = "start", sortOptions = false,
    description = "Start registered apps, apply an ecosystem file, or run a script as an app.")
public final class StartCommand extends ControlVerb {

  /** What {@code jpm start} with no target looks for, in PM2's order and then jpm's own. */
  static final List<String> DEFAULT_FILES =
      List.of("ecosystem.config.js", "ecosystem.config.cjs", "ecosystem.config.mjs", "ecosystem.yaml", "ecosystem.yml",
          "ecosystem.json");

  @Parameters(arity = "0..*", paramLabel = "TARGET",
      description = "An ecosystem file, - (a file on stdin), a script, or registered apps (name, NAME#INDEX, all).")
  List<String> targets = List.of();

  @Mixin StartOptions app;

  @Option(names = "--env", paramLabel = "PROFILE", description = "Profile when TARGET is an ecosystem file.")
  String profile;

  @Option(names = "--only", split = ",", paramLabel = "APP", description = "Of an ecosystem file, only these apps.")
  List<String> only = List.of();

  @Option(names = {"-a", "--update-env"},
      description = "Accepted for PM2's scripts: jpm always starts apps with the env their file or options give.")
  boolean updateEnv;

  @Option(names = {"-f", "--force"},
      description = "Accepted for PM2's scripts: a script whose name runs already is updated, never duplicated.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    if (targets.isEmpty()) return applyFile(defaultFile());
    String first = targets.getFirst();
    if (first.equals("-")) return applyStdin();
    Path path = jpm.workingDirectory().resolve(first);
    boolean isFile = !first.contains("#") && !first.equals("all") && Files.isRegularFile(path);
    if (isFile && isEcosystemFile(first)) return applyFile(first);
    if (isFile || !app.keys().isEmpty()) return startScript(first, targets.subList(1, targets.size()));
    return control(Request.Verb.START, targets);
  }

  /** PM2's rule ({@code Common.isConfigFile}): a script {@code app.js} runs, {@code app.config.js} is applied. */
  private static boolean isEcosystemFile(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    return lower.endsWith(".config.js") || lower.endsWith(".config.cjs") || lower.endsWith(".config.mjs")
        || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  private String defaultFile() {
    return DEFAULT_FILES.stream().filter(name -> Files.isRegularFile(jpm.workingDirectory().resolve(name)))
        .findFirst().orElseThrow(() -> new CliFailure(ExitCode.USAGE, "start needs a target: an ecosystem file, a"
            + " script or an app; this folder has none of " + String.join(", ", DEFAULT_FILES)));
  }

  private int applyFile(String file) throws Exception {
    rejectAppOptions(file);
    LoadResult loaded = EcosystemFile.load(jpm.home(), jpm.workingDirectory(), file, profile, jpm.environment());
    return ApplyCommand.apply(this, loaded, false, only);
  }

  /** PM2's {@code start -}: the ecosystem as JSON (or YAML) on stdin, paths relative to this folder. */
  private int applyStdin() throws Exception {
    rejectAppOptions("-");
    String content = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    LoadResult loaded = EcosystemFile.loadText(jpm.home(), jpm.workingDirectory().resolve("stdin"), content, profile,
        jpm.environment());
    return ApplyCommand.apply(this, loaded, false, only);
  }

  private void rejectAppOptions(String file) {
    if (app.keys().isEmpty()) return;
    String option = app.optionFor(app.keys().keySet().iterator().next());
    throw new CliFailure(ExitCode.USAGE, option + " sets an option of a script started as an app; for the apps of "
        + file + ", write it in the file (as the key '" + app.keys().keySet().iterator().next() + "')");
  }

  private int startScript(String script, List<String> args) throws IOException {
    Path path = jpm.workingDirectory().resolve(script);
    String resolved = Files.exists(path) ? path.toAbsolutePath().normalize().toString() : script;
    LoadResult loaded = new AppSpecs(jpm.home().dir(), Runtime.getRuntime().availableProcessors())
        .fromCommandLine(resolved, app.keysFor(resolved), args, jpm.workingDirectory());
    if (!loaded.ok()) {
      List<String> errors = loaded.errors().stream().map(this::byOption).toList();
      throw new CliFailure(ExitCode.USAGE, String.join("; ", errors));
    }
    EcosystemFile.printWarnings(loaded, err(), style());
    Request.StartScript request = new Request.StartScript(loaded.desired().apps().getFirst());
    return printApplied(expect(send(request), Response.Applied.class));
  }

  /** A problem of the one-liner's app, naming the option the user typed rather than the key it set. */
  private String byOption(ConfigProblem problem) {
    String field = problem.field() == null ? null : app.optionFor(problem.field());
    return new ConfigProblem(problem.file(), 0, 0, problem.app(), field, problem.message()).render();
  }
}
