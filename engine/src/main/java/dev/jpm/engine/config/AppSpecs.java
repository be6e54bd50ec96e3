package dev.jpm.engine.config;

import dev.jpm.engine.model.DesiredState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the app of PM2's one-liner {@code jpm start SCRIPT --name N -i N --watch ... -- args} through exactly the normalisation
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
   * @param keys ecosystem keys the command line set ({@code name}, {@code instances}, {@code watch}, ...): strings,
   *     booleans or string lists, validated and coerced exactly as a file's values (numeric strings become numbers)
   * @param args arguments after {@code --}
   * @param cwd absolute working directory of the caller
   * @return a desired state of one app (source null), or the problems
   */
  public LoadResult fromCommandLine(String script, Map<String, ?> keys, List<String> args, Path cwd) {
    ObjectNode app = JsonNodeFactory.instance.objectNode();
    app.put("script", Objects.requireNonNull(script, "script"));
    keys.forEach((key, value) -> app.set(key, node(value)));
    var list = app.putArray("args");
    (args == null ? List.<String>of() : args).forEach(list::add);
    Problems problems = new Problems(COMMAND_LINE);
    SourceTree tree = new SourceTree(app, Map.of(), Map.of());
    LoadContext context = new LoadContext(cwd.toAbsolutePath(), null, null, Map.of(), jpmHome, cpuCount,
        environment);
    var specs = AppNormaliser.normalise(List.of(new AppNode("", app)), tree, context, problems);
    return EcosystemLoader.result(() -> new DesiredState(null, null, specs), problems);
  }

  private static JsonNode node(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (value) {
      case Boolean flag -> nodes.booleanNode(flag);
      case String text -> nodes.stringNode(text);
      case List<?> list -> {
        ArrayNode array = nodes.arrayNode();
        list.forEach(item -> array.add(String.valueOf(item)));
        yield array;
      }
      default -> throw new IllegalArgumentException("a command-line value is a string, boolean or list, got " + value);
    };
  }
}
