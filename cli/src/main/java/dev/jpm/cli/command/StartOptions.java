package dev.jpm.cli.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * PM2's {@code start} options for a script run as an app ({@code jpm start app.js -i max --watch}), with PM2's
 * meanings (its {@code lib/binaries/CLI.js}): each sets one ecosystem key, so the app goes through exactly the
 * validation and normalisation a file's app gets, and a bad value is reported like one, naming the option. A mixin
 * of {@link StartCommand}; the options that steer the verb itself rather than the app live there.
 */
final class StartOptions {

  /** The app keys set so far, in the order typed; values are strings, booleans or string lists. */
  private final Map<String, Object> keys = new LinkedHashMap<>();
  /** Whether picocli made the list of {@code --watch} (its first call, before any value). */
  private boolean watchTyped;
  /** The option each key came from, to name it in messages. */
  private final Map<String, String> options = new LinkedHashMap<>();

  Map<String, Object> keys() {
    return keys;
  }

  /**
   * The keys for {@code script}: PM2's {@code -i} means cluster mode, which for jpm is a Node app's (a JavaScript
   * file): with {@code --port}, the instances share that port (by default they inherit one socket jpm holds, and its
   * Node preload moves each one's {@code listen()} of it onto that socket). Other programs keep fork mode unless
   * {@code exec_mode} is given.
   */
  Map<String, Object> keysFor(String script) {
    String lower = script.toLowerCase(java.util.Locale.ROOT);
    boolean javaScript = lower.endsWith(".js") || lower.endsWith(".cjs") || lower.endsWith(".mjs");
    if (!keys.containsKey("instances") || keys.containsKey("exec_mode") || !javaScript) return keys;
    Map<String, Object> withMode = new LinkedHashMap<>(keys);
    withMode.put("exec_mode", "cluster");
    return withMode;
  }

  /** The option that set {@code key}, or the key itself. */
  String optionFor(String key) {
    return options.getOrDefault(key, key);
  }

  private void set(String option, String key, Object value) {
    keys.put(key, value);
    options.put(key, option);
  }

  /**
   * PM2's list options take values per occurrence, and commas or spaces inside one value split it further. picocli
   * hands a list option's method every value so far at each occurrence, so the key is set to the whole list.
   */
  private void setList(String option, String key, List<String> values) {
    if (!values.isEmpty()) set(option, key, split(values)); // the first call of each option only makes the list
  }

  private static List<String> split(List<String> values) {
    List<String> items = new ArrayList<>();
    values.forEach(value -> Arrays.stream(value.split("[,\\s]+")).filter(item -> !item.isEmpty()).forEach(items::add));
    return items;
  }

  @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "App name (default: the script's base name).")
  void name(String value) { set("--name", "name", value); }

  @Option(names = {"-i", "--instances"}, paramLabel = "N", description = "Instances: N, max, or -N (CPUs minus N).")
  void instances(String value) { set("--instances", "instances", value); }

  @Option(names = "--port", paramLabel = "PORT", description = "Port the app serves; with -i, its instances share it.")
  void port(String value) { set("--port", "port", value); }

  @Option(names = "--cwd", paramLabel = "DIR", description = "Working folder of the app.")
  void cwd(String value) { set("--cwd", "cwd", value); }

  @Option(names = "--interpreter", paramLabel = "PROG", description = "Interpreter (node, python3, bash, none...).")
  void interpreter(String value) { set("--interpreter", "interpreter", value); }

  @Option(names = {"--interpreter-args", "--node-args"}, paramLabel = "ARGS", description = "Interpreter arguments.")
  void interpreterArgs(String value) { set("--interpreter-args", "interpreter_args", value); }

  @Option(names = "--namespace", paramLabel = "NS", description = "Namespace of the app.")
  void namespace(String value) { set("--namespace", "namespace", value); }

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Stdout log file.")
  void output(String value) { set("--output", "out_file", value); }

  @Option(names = {"-e", "--error"}, paramLabel = "FILE", description = "Stderr log file.")
  void error(String value) { set("--error", "error_file", value); }

  @Option(names = {"-l", "--log"}, arity = "0..1", paramLabel = "FILE", fallbackValue = "",
      description = "Combined out+err log file (default path when none given).")
  void log(String value) { set("--log", "log_file", value.isEmpty() ? Boolean.TRUE : value); }

  @Option(names = "--merge-logs", description = "One log file for all instances.")
  void mergeLogs(boolean value) { set("--merge-logs", "merge_logs", value); }

  @Option(names = "--log-date-format", paramLabel = "FORMAT", description = "Prefix log lines with this date format.")
  void logDateFormat(String value) { set("--log-date-format", "log_date_format", value); }

  @Option(names = "--time", description = "Prefix log lines with the time.")
  void time(boolean value) { set("--time", "time", value); }

  @Option(names = "--log-type", paramLabel = "TYPE", description = "json: one JSON object per log line.")
  void logType(String value) { set("--log-type", "log_type", value); }

  @Option(names = "--disable-logs", description = "Write no log files.")
  void disableLogs(boolean value) { set("--disable-logs", "disable_logs", value); }

  @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Pid file path.")
  void pid(String value) { set("--pid", "pid_file", value); }

  @Option(names = "--max-memory-restart", paramLabel = "SIZE", description = "Restart above this memory (200M, 1G).")
  void maxMemoryRestart(String value) { set("--max-memory-restart", "max_memory_restart", value); }

  @Option(names = "--max-restarts", paramLabel = "N", description = "Unstable restarts before errored.")
  void maxRestarts(String value) { set("--max-restarts", "max_restarts", value); }

  @Option(names = "--min-uptime", paramLabel = "TIME", description = "Uptime below which a run counts as unstable.")
  void minUptime(String value) { set("--min-uptime", "min_uptime", value); }

  @Option(names = "--restart-delay", paramLabel = "MS", description = "Wait before an automatic restart.")
  void restartDelay(String value) { set("--restart-delay", "restart_delay", value); }

  @Option(names = "--exp-backoff-restart-delay", paramLabel = "MS",
      description = "Exponential back-off between restarts, starting here.")
  void expBackoffRestartDelay(String value) {
    set("--exp-backoff-restart-delay", "exp_backoff_restart_delay", value);
  }

  @Option(names = {"-k", "--kill-timeout"}, paramLabel = "MS", description = "Time between the stop signal and SIGKILL.")
  void killTimeout(String value) { set("--kill-timeout", "kill_timeout", value); }

  @Option(names = "--listen-timeout", paramLabel = "MS", description = "Time an instance has to become ready.")
  void listenTimeout(String value) { set("--listen-timeout", "listen_timeout", value); }

  @Option(names = "--wait-ready", description = "Ready when the app says so (process.send('ready')).")
  void waitReady(boolean value) { set("--wait-ready", "wait_ready", value); }

  @Option(names = "--shutdown-with-message", description = "Stop with a 'shutdown' message instead of a signal.")
  void shutdownWithMessage(boolean value) { set("--shutdown-with-message", "shutdown_with_message", value); }

  @Option(names = "--stop-exit-codes", arity = "1..*", paramLabel = "CODE",
      description = "Exit codes after which the app is not restarted.")
  void stopExitCodes(List<String> values) { setList("--stop-exit-codes", "stop_exit_codes", values); }

  @Option(names = "--no-autorestart", description = "Never restart the app after it exits.")
  void noAutorestart(boolean value) { set("--no-autorestart", "autorestart", !value); }

  @Option(names = "--no-autostart", description = "Register the app without starting it.")
  void noAutostart(boolean value) { set("--no-autostart", "autostart", !value); }

  @Option(names = {"-c", "--cron", "--cron-restart"}, paramLabel = "CRON", description = "Restart on this cron.")
  void cron(String value) { set("--cron", "cron_restart", value); }

  @Option(names = "--watch", arity = "0..1", paramLabel = "PATH", fallbackValue = "",
      description = "Restart on file changes: the app folder, or the paths given (repeatable).")
  void watch(List<String> values) {
    // The first call of an option only makes its list; a bare --watch then comes as an empty list too.
    if (!watchTyped) {
      watchTyped = true;
      return;
    }
    List<String> paths = split(values);
    set("--watch", "watch", paths.isEmpty() ? Boolean.TRUE : paths);
  }

  @Option(names = "--ignore-watch", arity = "1..*", paramLabel = "GLOB", description = "Paths not to watch.")
  void ignoreWatch(List<String> values) { setList("--ignore-watch", "ignore_watch", values); }

  @Option(names = "--watch-delay", paramLabel = "MS", description = "Quiet time after changes before the restart.")
  void watchDelay(String value) { set("--watch-delay", "watch_delay", value); }

  @Option(names = "--no-vizion", description = "Do not read git revision info of the app folder.")
  void noVizion(boolean value) { set("--no-vizion", "vizion", !value); }

  @Option(names = "--filter-env", arity = "1..*", paramLabel = "PREFIX", description = "Drop these inherited variables.")
  void filterEnv(List<String> values) { setList("--filter-env", "filter_env", values); }

  @Option(names = "--instance-var", paramLabel = "NAME", description = "Variable carrying the instance index.")
  void instanceVar(String value) { set("--instance-var", "instance_var", value); }

  @Option(names = "--uid", paramLabel = "USER", description = "Run as this user.")
  void uid(String value) { set("--uid", "uid", value); }

  @Option(names = "--gid", paramLabel = "GROUP", description = "Run as this group.")
  void gid(String value) { set("--gid", "gid", value); }

  @Option(names = {"-x", "--execute-command"}, hidden = true, description = "PM2: fork mode (jpm's default).")
  void executeCommand(boolean value) { set("--execute-command", "exec_mode", "fork"); }

  @Option(names = "--no-treekill", hidden = true, description = "PM2: kill only the main process.")
  void noTreekill(boolean value) { set("--no-treekill", "treekill", !value); }

  @Option(names = "--no-pmx", hidden = true, description = "PM2.io's probes: none in jpm.")
  void noPmx(boolean value) { set("--no-pmx", "pmx", !value); }

  @Option(names = "--no-automation", hidden = true, description = "PM2.io's automation: none in jpm.")
  void noAutomation(boolean value) { set("--no-automation", "automation", !value); }

  @Option(names = "--source-map-support", hidden = true, description = "PM2's Node source maps: none in jpm.")
  void sourceMapSupport(boolean value) { set("--source-map-support", "source_map_support", value); }

  @Option(names = "--disable-source-map-support", hidden = true, description = "PM2's Node source maps: none in jpm.")
  void disableSourceMapSupport(boolean value) {
    set("--disable-source-map-support", "disable_source_map_support", value);
  }

  @Option(names = "--deep-monitoring", hidden = true, description = "PM2.io's monitoring: none in jpm.")
  void deepMonitoring(boolean value) { set("--deep-monitoring", "deep_monitoring", value); }
}
