package dev.jpm.engine.config;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.CronSchedule;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.ExecMode;
import dev.jpm.engine.model.LogDateFormat;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.model.Versioning;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import dev.jpm.engine.model.RunAs;
import dev.jpm.engine.os.Users;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one canonical, schema-valid app into an {@link AppSpec} with PM2's defaults, reporting what only the file
 * system or arithmetic can reveal: a missing script or cwd, an instance count out of range, a reserved name.
 */
final class SpecMapper {

  static final int MAX_INSTANCES = 1024;
  static final long DEFAULT_LISTEN_TIMEOUT_MS = 3000; // PM2_GRACEFUL_LISTEN_TIMEOUT
  static final List<String> DEFAULT_IGNORE_WATCH = List.of("node_modules", ".git", ".*");

  /** Valid keys the model has no field for yet: accepted, but the user must know they change nothing. */
  static final Set<String> NOT_APPLIED = Set.of("filter_env");

  private final LoadContext context;
  private final CommandPath commands;

  SpecMapper(LoadContext context) {
    this.context = context;
    this.commands = new CommandPath(context.environment());
  }

  /** The app's name as the file gives it, else PM2's default: the script's basename without extension. */
  static String nameOf(ObjectNode app) {
    if (app.path("name").isString()) return app.get("name").asString();
    if (!app.path("script").isString()) return null;
    String script = app.get("script").asString().strip();
    String first = script.split("\\s+")[0];
    String base = Path.of(first.isEmpty() ? "app" : first).getFileName().toString();
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  Optional<AppSpec> map(ObjectNode app, AppScope scope) {
    int before = scope.problems().errorCount();
    String name = checkedName(app, scope);
    NOT_APPLIED.stream().filter(app::has).sorted().forEach(key -> scope.warningAtKey(key,
        "accepted but not applied yet by this jpm version"));
    Path cwd = checkedCwd(app, scope);
    int instances = instances(app.path("instances"), scope);
    var env = ProfileResolver.resolve(app, context.profile(), context.variables(), scope);
    LaunchCommand launch = cwd == null ? null : launch(app, cwd, scope);
    CronSchedule cron = checkedCron(app, scope);
    checkIgnoreWatch(app, scope);
    checkReadyPattern(app, scope);
    Integer port = app.has("port") ? app.get("port").asInt() : null;
    boolean node = launch != null && AppSpec.isNodeProgram(launch.command().getFirst());
    var traffic = TrafficMapper.map(app, instances, port, node, scope);
    checkShutdownMessage(app, node, scope);
    LogDateFormat dateFormat = checkedDateFormat(app, scope);
    checkLogRotate(app, scope);
    if (cwd != null) SharedFolders.check(LogPaths.named(app, cwd, context.environment()), scope);
    QuantityRanges.check(app, scope, Vocabulary.INSTANCE);
    RunAs runAs = RunAsMapper.map(app, scope, Users.effectiveUid());
    if (scope.problems().errorCount() > before) return Optional.empty();
    if (isPython(launch.interpreter())) env.putIfAbsent("PYTHONUNBUFFERED", "1"); // as PM2: logs arrive promptly
    LogSpec logs = LogPaths.of(app, name, cwd, dateFormat, context.jpmHome(), context.environment());
    long maxMemory = app.has("max_memory_restart") ? Sizes.parse(app.get("max_memory_restart")).orElseThrow() : 0;
    return Optional.of(new AppSpec(name, app.path("namespace").asString(AppSpec.DEFAULT_NAMESPACE),
        context.source(), launch.script(), strings(app.path("args")), launch.interpreter(),
        strings(app.path("interpreter_args")), launch.command(), cwd.toString(), env, instances, execMode(app),
        app.path("instance_var").asString(AppSpec.DEFAULT_INSTANCE_VAR), text(app, "increment_var"), port,
        restart(app), stop(app), logs, millis(app, "listen_timeout", DEFAULT_LISTEN_TIMEOUT_MS), maxMemory,
        cron, watch(app.path("watch"), cwd), ignoreWatch(app), millis(app, "watch_delay", 0),
        dependencies(app.path("depends_on")), app.path("autostart").asBoolean(true),
        new Versioning(app.path("vizion").asBoolean(true), strings(app.path("post_update"))), traffic, runAs,
        strings(app.path("secret_env")), text(app, "image")));
  }

  private static boolean isPython(String interpreter) {
    return interpreter != null && Path.of(interpreter).getFileName().toString().startsWith("python");
  }

  private String checkedName(ObjectNode app, AppScope scope) {
    String name = nameOf(app);
    if (context.profile() != null && app.path("append_env_to_name").asBoolean(false))
      name = name + "-" + context.profile();
    if (name.contains("#") || name.contains("/") || name.equals("all") || name.isBlank())
      scope.error(app.has("name") ? "name" : "script",
          "app name \"" + name + "\" is reserved or malformed: it must not contain '#' or '/' nor be 'all'");
    return name;
  }

  private Path checkedCwd(ObjectNode app, AppScope scope) {
    if (!app.has("cwd")) return context.baseDir();
    Path cwd = PathSpelling.absolute(context.baseDir(), app.get("cwd").asString(), context.environment());
    if (!Files.exists(cwd)) scope.error("cwd", "no such directory: " + cwd);
    else if (!Files.isDirectory(cwd)) scope.error("cwd", "not a directory: " + cwd);
    else return cwd;
    return null;
  }

  private LaunchCommand launch(ObjectNode app, Path cwd, AppScope scope) {
    String script = app.get("script").asString();
    Optional<LaunchCommand> launch = LaunchCommand.of(script, cwd, text(app, "interpreter"),
        strings(app.path("interpreter_args")), strings(app.path("args")), context.environment(), commands);
    if (launch.isEmpty()) scope.error("script", "not found: " + LaunchCommand.tried(script, cwd,
        context.environment()) + " does not exist and '" + script + "' is not a command on PATH");
    return launch.orElse(null);
  }

  /** The app's cron schedule, parsed here once; null when it has none (PM2: {@code 0} disables) or it is invalid. */
  private static CronSchedule checkedCron(ObjectNode app, AppScope scope) {
    JsonNode cron = app.path("cron_restart");
    if (cron.isMissingNode() || cron.asString().equals("0")) return null;
    try {
      return CronSchedule.parse(cron.asString());
    } catch (IllegalArgumentException invalid) {
      scope.error("cron_restart", "not a valid cron expression \"" + cron.asString() + "\": " + invalid.getMessage()
          + "; e.g. \"0 3 * * *\" restarts every day at 03:00");
      return null;
    }
  }

  /** Each ignore_watch entry is a glob; one that Java cannot compile would silently watch too much. */
  private static void checkIgnoreWatch(ObjectNode app, AppScope scope) {
    List<String> globs = ignoreWatch(app);
    for (int i = 0; i < globs.size(); i++) {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + globs.get(i));
      } catch (PatternSyntaxException e) {
        String field = app.get("ignore_watch").isArray() ? "ignore_watch[" + i + "]" : "ignore_watch";
        scope.error(field, "not a valid glob: " + e.getDescription() + " in \"" + globs.get(i) + "\"");
      }
    }
  }

  private static void checkReadyPattern(ObjectNode app, AppScope scope) {
    if (!app.has("ready_pattern")) return;
    try {
      Pattern.compile(app.get("ready_pattern").asString());
    } catch (PatternSyntaxException e) {
      scope.error("ready_pattern", "not a valid regular expression: " + e.getDescription());
    }
  }

  /** Only Node apps can receive the message (through jpm's preload); others would silently get the signal. */
  private static void checkShutdownMessage(ObjectNode app, boolean node, AppScope scope) {
    if (app.path("shutdown_with_message").asBoolean(false) && !node)
      scope.warningAtKey("shutdown_with_message", "only a Node app receives the 'shutdown' message; this app is "
          + "stopped with its stop_signal (" + app.path("stop_signal").asString("SIGINT") + ")");
  }

  /**
   * The lines' date format, parsed here once: {@code log_date_format}, else PM2's ISO-like format when
   * {@code time: true}, else null. A token dayjs does not know is a mistake to say now.
   */
  private static LogDateFormat checkedDateFormat(ObjectNode app, AppScope scope) {
    if (!app.has("log_date_format")) return app.path("time").asBoolean(false) ? LogPaths.TIME_FORMAT : null;
    try {
      return LogDateFormat.parse(app.get("log_date_format").asString());
    } catch (IllegalArgumentException badToken) {
      scope.error("log_date_format", badToken.getMessage());
      return null;
    }
  }

  /** A rotation that never rotates is a mistake to say now. */
  private static void checkLogRotate(ObjectNode app, AppScope scope) {
    JsonNode rotate = app.path("log_rotate");
    if (rotate.isObject() && !rotate.has("size") && !rotate.has("interval"))
      scope.error("log_rotate", "says neither size nor interval, so it would never rotate: add size: 10M or interval: daily");
  }

  private int instances(JsonNode value, AppScope scope) {
    if (value.isMissingNode()) return 1;
    long asked = value.isString() ? 0 : value.asLong(); // the schema admits only "max" as a string
    // PM2 (God.prepare): 0 or max = CPU count, -N = CPU count - N, and never fewer than one.
    long resolved = asked > 0 ? asked : Math.max(1, context.cpuCount() + asked);
    if (resolved > MAX_INSTANCES) {
      scope.error("instances", "must resolve to 1.." + MAX_INSTANCES + " instances, got " + resolved);
      return 1;
    }
    return (int) resolved;
  }

  private static ExecMode execMode(ObjectNode app) {
    return app.path("exec_mode").asString("fork").startsWith("cluster") ? ExecMode.CLUSTER : ExecMode.FORK;
  }

  private static RestartPolicy restart(ObjectNode app) {
    Set<Integer> codes = new LinkedHashSet<>();
    JsonNode stop = app.path("stop_exit_codes");
    if (stop.isNumber()) codes.add(stop.asInt());
    else stop.forEach(code -> codes.add(code.asInt()));
    RestartPolicy d = RestartPolicy.PM2_DEFAULTS;
    return new RestartPolicy(app.path("autorestart").asBoolean(d.autorestart()),
        app.path("max_restarts").asInt(d.maxRestarts()), millis(app, "min_uptime", d.minUptimeMs()),
        millis(app, "restart_delay", d.restartDelayMs()),
        millis(app, "exp_backoff_restart_delay", d.expBackoffInitialMs()), codes);
  }

  private static StopPolicy stop(ObjectNode app) {
    String signal = app.path("stop_signal").asString(StopPolicy.PM2_DEFAULTS.signal()).toUpperCase(Locale.ROOT);
    if (signal.startsWith("SIG")) signal = signal.substring(3);
    return new StopPolicy(signal, millis(app, "kill_timeout", StopPolicy.PM2_DEFAULTS.killTimeoutMs()),
        app.path("shutdown_with_message").asBoolean(false));
  }

  private List<String> watch(JsonNode watch, Path cwd) {
    if (watch.isMissingNode() || (watch.isBoolean() && !watch.asBoolean())) return List.of();
    if (watch.isBoolean() || (watch.isArray() && watch.isEmpty())) return List.of(cwd.toString());
    List<String> paths = new ArrayList<>();
    for (String path : watch.isArray() ? strings(watch) : List.of(watch.asString()))
      paths.add(PathSpelling.absolute(cwd, path, context.environment()).toString());
    return paths;
  }

  private static List<String> ignoreWatch(ObjectNode app) {
    return app.has("ignore_watch") ? strings(app.get("ignore_watch")) : DEFAULT_IGNORE_WATCH;
  }

  private static List<Dependency> dependencies(JsonNode dependsOn) {
    List<Dependency> deps = new ArrayList<>();
    for (JsonNode dep : dependsOn) {
      if (dep.isString()) deps.add(new Dependency(dep.asString(), Dependency.Condition.STARTED));
      else deps.add(new Dependency(dep.path("app").asString(),
          Dependency.Condition.valueOf(dep.path("condition").asString("started").toUpperCase(Locale.ROOT))));
    }
    return deps;
  }

  static long millis(ObjectNode app, String key, long fallback) {
    return app.has(key) ? Durations.parse(app.get(key)).orElse(fallback) : fallback;
  }

  static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(item -> out.add(item.asString()));
    return out;
  }

  private static String text(ObjectNode app, String key) {
    return app.path(key).isString() ? app.get(key).asString() : null;
  }
}
