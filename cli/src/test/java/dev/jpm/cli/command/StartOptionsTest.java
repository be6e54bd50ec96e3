package dev.jpm.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.config.AppSpecs;
import dev.jpm.engine.config.ConfigProblem;
import dev.jpm.engine.config.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every PM2 {@code start} option a daily user types sets its ecosystem key with PM2's meaning, and the value passes
 * the validation a file's value gets (so nothing a PM2 user types is silently dropped or refused).
 */
class StartOptionsTest {

  @TempDir Path folder;

  static Stream<Arguments> options() {
    return Stream.of(
        Arguments.of(List.of("--name", "api"), "name", "api"),
        Arguments.of(List.of("-n", "api"), "name", "api"),
        Arguments.of(List.of("-i", "max"), "instances", "max"),
        Arguments.of(List.of("--instances", "2"), "instances", "2"),
        Arguments.of(List.of("--watch"), "watch", true),
        Arguments.of(List.of("--watch", "src", "--watch", "lib"), "watch", List.of("src", "lib")),
        Arguments.of(List.of("--ignore-watch", "node_modules", "*.log"), "ignore_watch", List.of("node_modules", "*.log")),
        Arguments.of(List.of("--watch-delay", "500"), "watch_delay", "500"),
        Arguments.of(List.of("--cron", "0 3 * * *"), "cron_restart", "0 3 * * *"),
        Arguments.of(List.of("-c", "*/5 * * * *"), "cron_restart", "*/5 * * * *"),
        Arguments.of(List.of("--cron-restart", "@daily"), "cron_restart", "@daily"),
        Arguments.of(List.of("-o", "out.log"), "out_file", "out.log"),
        Arguments.of(List.of("--output", "out.log"), "out_file", "out.log"),
        Arguments.of(List.of("-e", "err.log"), "error_file", "err.log"),
        Arguments.of(List.of("--error", "err.log"), "error_file", "err.log"),
        Arguments.of(List.of("-l", "all.log"), "log_file", "all.log"),
        Arguments.of(List.of("--log"), "log_file", true),
        Arguments.of(List.of("--merge-logs"), "merge_logs", true),
        Arguments.of(List.of("--log-date-format", "YYYY-MM-DD HH:mm Z"), "log_date_format", "YYYY-MM-DD HH:mm Z"),
        Arguments.of(List.of("--log-type", "json"), "log_type", "json"),
        Arguments.of(List.of("--time"), "time", true),
        Arguments.of(List.of("--max-memory-restart", "200M"), "max_memory_restart", "200M"),
        Arguments.of(List.of("--no-autorestart"), "autorestart", false),
        Arguments.of(List.of("--no-autostart"), "autostart", false),
        Arguments.of(List.of("--interpreter", "bash"), "interpreter", "bash"),
        Arguments.of(List.of("--node-args", "--max-old-space-size=200"), "interpreter_args", "--max-old-space-size=200"),
        Arguments.of(List.of("--interpreter-args", "-u"), "interpreter_args", "-u"),
        Arguments.of(List.of("--namespace", "shop"), "namespace", "shop"),
        Arguments.of(List.of("--cwd", "."), "cwd", "."),
        Arguments.of(List.of("--restart-delay", "3000"), "restart_delay", "3000"),
        Arguments.of(List.of("--exp-backoff-restart-delay", "100"), "exp_backoff_restart_delay", "100"),
        Arguments.of(List.of("--max-restarts", "5"), "max_restarts", "5"),
        Arguments.of(List.of("--min-uptime", "2s"), "min_uptime", "2s"),
        Arguments.of(List.of("-k", "3000"), "kill_timeout", "3000"),
        Arguments.of(List.of("--kill-timeout", "3000"), "kill_timeout", "3000"),
        Arguments.of(List.of("--wait-ready"), "wait_ready", true),
        Arguments.of(List.of("--listen-timeout", "8000"), "listen_timeout", "8000"),
        Arguments.of(List.of("--stop-exit-codes", "0", "3"), "stop_exit_codes", List.of("0", "3")),
        Arguments.of(List.of("-x"), "exec_mode", "fork"),
        Arguments.of(List.of("--no-vizion"), "vizion", false),
        Arguments.of(List.of("--port", "8080"), "port", "8080"),
        Arguments.of(List.of("-p", "app.pid"), "pid_file", "app.pid"),
        Arguments.of(List.of("--disable-logs"), "disable_logs", true),
        Arguments.of(List.of("--filter-env", "AWS_", "SECRET"), "filter_env", List.of("AWS_", "SECRET")),
        Arguments.of(List.of("--instance-var", "INSTANCE"), "instance_var", "INSTANCE"),
        Arguments.of(List.of("--shutdown-with-message"), "shutdown_with_message", true));
  }

  private StartCommand parse(List<String> options) {
    StartCommand start = new StartCommand();
    List<String> args = new ArrayList<>(List.of("app.sh"));
    args.addAll(options);
    new CommandLine(start).parseArgs(args.toArray(String[]::new));
    return start;
  }

  @ParameterizedTest(name = "{0} sets {1}")
  @MethodSource("options")
  void eachOptionSetsItsKeyAndPassesTheFilesValidation(List<String> options, String key, Object value)
      throws IOException {
    Files.writeString(folder.resolve("app.sh"), "#!/bin/sh\nsleep 100\n");
    Files.createDirectories(folder.resolve("src"));
    Files.createDirectories(folder.resolve("lib"));
    StartCommand start = parse(options);

    assertThat(start.app.keys()).containsEntry(key, value);
    assertThat(start.targets).containsExactly("app.sh");
    LoadResult loaded = new AppSpecs(folder.resolve("home"), 2)
        .fromCommandLine(folder.resolve("app.sh").toString(), start.app.keys(), List.of(), folder);
    assertThat(loaded.errors()).extracting(ConfigProblem::render).isEmpty();
  }

  @Test
  void argumentsAfterTheDoubleDashGoToTheScript() {
    StartCommand start = parse(List.of("--name", "api", "--", "--port", "80", "-i", "3"));

    assertThat(start.targets).containsExactly("app.sh", "--port", "80", "-i", "3");
    assertThat(start.app.keys()).containsOnlyKeys("name");
  }

  @Test
  void theVerbsOwnOptionsSetNoAppKey() {
    StartCommand start = parse(List.of("--env", "production", "--only", "a,b", "-a", "-f"));

    assertThat(start.app.keys()).isEmpty();
    assertThat(start.only).containsExactly("a", "b");
    assertThat(start.updateEnv).isTrue();
    assertThat(start.force).isTrue();
  }

  @Test
  void aBadValueIsNamedByTheOptionTyped() {
    StartCommand start = parse(List.of("--max-restarts", "many"));

    assertThat(start.app.optionFor("max_restarts")).isEqualTo("--max-restarts");
  }

  @Test
  void pm2sInstancesMeanClusterModeForANodeScriptOnly() {
    assertThat(parse(List.of("-i", "max", "--port", "3000")).app.keysFor("server.js"))
        .containsEntry("exec_mode", "cluster").containsEntry("port", "3000");
    assertThat(parse(List.of("-i", "2")).app.keysFor("worker.sh")).doesNotContainKey("exec_mode");
    assertThat(parse(List.of("-i", "2", "-x")).app.keysFor("server.js")).containsEntry("exec_mode", "fork");
    assertThat(parse(List.of("--name", "one")).app.keysFor("server.js")).doesNotContainKey("exec_mode");
  }
}
