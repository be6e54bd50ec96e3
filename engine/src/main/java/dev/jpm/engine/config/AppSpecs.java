package dev.jpm.engine.config;

import dev.jpm.engine.model.DesiredState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the app of PM2's one-liner {@code jpm start SCRIPT --name N -i N -- args} through exactly the normalisation
 * an ecosystem file gets (interpreter by extension, default name, log paths, instances), so both kinds of app look
 * alike downstream. Problems are located at the command line rather than in a file.
 */
public final class AppSpecs {

  /** What problems of a one-liner name as their "file". */
  public static final String COMMAND_LINE = "command line";

  private final Path jpmHome;
  private final int cpuCount;
  private final UnaryOperator<String> environment;

  public AppSpecs(Path jpmHome, int cpuCount) {
    this(jpmHome, cpuCount, System::getenv);
  }

  AppSpecs(Path jpmHome, int cpuCount, UnaryOperator<String> environment) {
    this.jpmHome = Objects.requireNonNull(jpmHome, "jpmHome").toAbsolutePath();
    if (cpuCount < 1) throw new IllegalArgumentException("cpuCount must be >= 1, got " + cpuCount);
    this.cpuCount = cpuCount;
    this.environment = environment;
  }

  /**
   * @param script the program: a file relative to {@code cwd}, a command on PATH, or a command line with spaces
   * @param name the app name, or null for the script's basename without extension
   * @param instances PM2's {@code -i} value ({@code 4}, {@code max}, {@code -1}), or null for one instance
   * @param args arguments after {@code --}
   * @param cwd absolute working directory of the caller
   * @return a desired state of one app (source null), or the problems
   */
  public LoadResult fromCommandLine(String script, String name, String instances, List<String> args, Path cwd) {
    ObjectNode app = JsonNodeFactory.instance.objectNode();
    app.put("script", Objects.requireNonNull(script, "script"));
    if (name != null) app.put("name", name);
    if (instances != null) app.put("instances", instances);
    var list = app.putArray("args");
    (args == null ? List.<String>of() : args).forEach(list::add);
    Problems problems = new Problems(COMMAND_LINE);
    SourceTree tree = new SourceTree(app, Map.of(), Map.of());
    LoadContext context = new LoadContext(cwd.toAbsolutePath(), null, null, Map.of(), jpmHome, cpuCount,
        environment);
    var specs = AppNormaliser.normalise(List.of(new AppNode("", app)), tree, context, problems);
    return EcosystemLoader.result(() -> new DesiredState(null, null, specs), problems);
  }
}
