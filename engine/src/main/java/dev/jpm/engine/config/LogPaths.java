package dev.jpm.engine.config;

import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.model.LogDateFormat;
import dev.jpm.engine.model.LogSpec;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An app's log destinations with PM2's defaults under {@code JPM_HOME/logs}: {@code <name>-out.log},
 * {@code <name>-error.log}, and {@code <name>.log} when {@code log_file: true}. Relative paths resolve against the
 * app's cwd; {@code NULL} or {@code /dev/null} disables a stream. The supervisor adds the instance suffix.
 */
final class LogPaths {

  static final String DEV_NULL = "/dev/null";
  /** PM2's line date format when an app says {@code time: true}. */
  static final LogDateFormat TIME_FORMAT = LogDateFormat.parse("YYYY-MM-DDTHH:mm:ss");

  private LogPaths() {}

  static LogSpec of(ObjectNode app, String name, Path cwd, LogDateFormat dateFormat, Path jpmHome,
      UnaryOperator<String> environment) {
    String safe = safeName(name);
    JpmHome home = new JpmHome(jpmHome);
    Path logs = home.logs();
    String out = file(app.path("out_file"), logs.resolve(safe + "-out.log"), cwd, environment);
    String err = file(app.path("error_file"), logs.resolve(safe + "-error.log"), cwd, environment);
    JsonNode combined = app.path("log_file");
    String combinedFile = combined.isString() ? file(combined, null, cwd, environment)
        : combined.asBoolean(false) ? logs.resolve(safe + ".log").toString() : null;
    String pid = file(app.path("pid_file"), home.pids().resolve(safe + ".pid"), cwd, environment);
    return new LogSpec(out, err, combinedFile, app.path("merge_logs").asBoolean(mergeByDefault(app)),
        app.path("disable_logs").asBoolean(false), dateFormat, app.path("log_type").asString("raw").equals("json"),
        pid, LogRotations.of(app.path("log_rotate")));
  }

  /** The files the app names itself (out_file, error_file, log_file, pid_file), by key, as absolute paths. */
  static java.util.Map<String, Path> named(ObjectNode app, Path cwd, UnaryOperator<String> environment) {
    java.util.Map<String, Path> files = new java.util.LinkedHashMap<>();
    for (String key : java.util.List.of("out_file", "error_file", "log_file", "pid_file")) {
      String file = app.path(key).isString() ? file(app.get(key), null, cwd, environment) : null;
      if (file != null && !file.equals(DEV_NULL)) files.put(key, Path.of(file));
    }
    return files;
  }

  /** PM2 (Common.prepareAppConf): one file for a fork app whose instances are not set (or 0), else per instance. */
  private static boolean mergeByDefault(ObjectNode app) {
    boolean cluster = app.path("exec_mode").asString("fork").startsWith("cluster");
    return !cluster && app.path("instances").asInt(0) == 0 && !app.path("instances").isString();
  }

  /** PM2's file-name form of an app name: characters outside {@code [A-Za-z0-9.-]} become {@code -}. */
  static String safeName(String name) {
    return name.replaceAll("[^A-Za-z0-9.-]", "-");
  }

  private static String file(JsonNode value, Path fallback, Path cwd, UnaryOperator<String> environment) {
    if (value.isNull()) return DEV_NULL; // YAML reads PM2's "out_file: NULL" as null
    if (!value.isString()) return fallback == null ? null : fallback.toString();
    String path = value.asString();
    if (path.equals("NULL") || path.equals(DEV_NULL)) return DEV_NULL;
    return PathSpelling.absolute(cwd, path, environment).toString();
  }
}
