package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Normalisation into AppSpec: interpreters, argv, paths, logs, watch, profiles, aliases. */
class NormalisationTest {

  @TempDir Path temp;
  LoaderFixture fx;

  @BeforeEach
  void setUp() {
    fx = new LoaderFixture(temp).script("server.js").script("Main.java").script("run.sh").script("tool")
        .script("sub/app.rb").command("sleep");
  }

  private AppSpec only(String yaml) {
    return only(yaml, null, Map.of());
  }

  private AppSpec only(String yaml, String profile, Map<String, String> variables) {
    LoadResult result = fx.load("ecosystem.yaml", yaml, profile, variables);
    assertThat(result.errors()).isEmpty();
    return result.desired().apps().getFirst();
  }

  @Test
  void interpreterByExtensionAndJavaSourceLaunch() {
    assertThat(only("apps: [{script: Main.java, args: [a]}]").command())
        .containsExactly("java", fx.path("Main.java"), "a");
    assertThat(only("apps: [{script: run.sh}]").command()).containsExactly("bash", fx.path("run.sh"));
    assertThat(only("apps: [{script: tool}]").command()).containsExactly(fx.path("tool"));
    assertThat(only("apps: [{script: tool}]").interpreter()).isNull();
  }

  @Test
  void interpreterNoneExecutesDirectly() {
    AppSpec app = only("apps: [{script: server.js, interpreter: none}]");
    assertThat(app.interpreter()).isNull();
    assertThat(app.command()).containsExactly(fx.path("server.js"));
  }

  @Test
  void explicitInterpreterWithArgs() {
    AppSpec app = only("apps: [{script: server.js, exec_interpreter: bun, node_args: --smol}]");
    assertThat(app.command()).containsExactly("bun", "--smol", fx.path("server.js"));
    assertThat(app.interpreterArgs()).containsExactly("--smol");
  }

  @Test
  void commandOnPathIsKeptByName() {
    AppSpec app = only("apps: [{name: nap, script: sleep, args: '60'}]");
    assertThat(app.command()).containsExactly("sleep", "60");
    assertThat(app.script()).isEqualTo("sleep");
  }

  @Test
  void scriptWithSpacesRunsThroughShAndIsNotChecked() {
    assertThat(only("apps: [{name: loop, script: 'while true; do sleep 1; done'}]").command())
        .containsExactly("sh", "-c", "while true; do sleep 1; done");
    assertThat(only("apps: [{name: echo, cmd: 'echo hello', args: [a b, c]}]").command())
        .containsExactly("sh", "-c", "echo hello \"$@\"", "sh", "a b", "c");
  }

  @Test
  void defaultNameIsTheScriptBasenameWithoutExtension() {
    assertThat(only("apps: [{script: sub/app.rb}]").name()).isEqualTo("app");
  }

  @Test
  void cwdResolvesAgainstTheFileAndScriptAgainstCwd() {
    AppSpec app = only("apps: [{script: app.rb, cwd: sub, out_file: logs/out.log, watch: [lib, /abs]}]");
    assertThat(app.cwd()).isEqualTo(fx.path("sub"));
    assertThat(app.command()).containsExactly("ruby", fx.path("sub/app.rb"));
    assertThat(app.logs().outFile()).isEqualTo(fx.path("sub/logs/out.log"));
    assertThat(app.watch()).containsExactly(fx.path("sub/lib"), "/abs");
  }

  @Test
  void logDefaultsUseTheSafeName() {
    AppSpec app = only("apps: [{name: 'my api@2', script: server.js, log_file: true, time: true, log_type: json}]");
    String logs = fx.home.resolve("logs").toString();
    assertThat(app.logs().outFile()).isEqualTo(logs + "/my-api-2-out.log");
    assertThat(app.logs().errorFile()).isEqualTo(logs + "/my-api-2-error.log");
    assertThat(app.logs().combinedFile()).isEqualTo(logs + "/my-api-2.log");
    assertThat(app.logs().dateFormat().pattern()).isEqualTo("YYYY-MM-DDTHH:mm:ss");
    assertThat(app.logs().json()).isTrue();
    assertThat(app.logs().merge()).as("PM2: a fork app without instances writes one file").isTrue();
    AppSpec two = only("apps: [{name: api, script: server.js, instances: 2}]");
    assertThat(two.logs().merge()).isFalse();
  }

  @Test
  void nullLogPathsDiscard() {
    AppSpec app = only("apps: [{script: server.js, out_file: 'NULL', error_file: /dev/null}]");
    assertThat(app.logs().outFile()).isEqualTo("/dev/null");
    assertThat(app.logs().errorFile()).isEqualTo("/dev/null");
  }

  @Test
  void watchTrueWatchesCwdWithDefaultIgnores() {
    AppSpec app = only("apps: [{script: server.js, watch: true}]");
    assertThat(app.watch()).containsExactly(fx.dir.toString());
    assertThat(app.ignoreWatch()).containsExactly("node_modules", ".git", ".*");
    assertThat(only("apps: [{script: server.js}]").watch()).isEmpty();
  }

  @Test
  void instancesResolveAgainstCpuCount() {
    assertThat(only("apps: [{script: server.js, instances: max}]").instances()).isEqualTo(LoaderFixture.CPUS);
    assertThat(only("apps: [{script: server.js, instances: 0}]").instances()).isEqualTo(LoaderFixture.CPUS);
    assertThat(only("apps: [{script: server.js, instances: -1}]").instances()).isEqualTo(LoaderFixture.CPUS - 1);
    assertThat(only("apps: [{script: server.js, instances: -100}]").instances()).isEqualTo(1);
    assertThat(only("apps: [{script: server.js, instances: '3'}]").instances()).isEqualTo(3);
  }

  @Test
  void durationsSizesAndSignals() {
    AppSpec app = only("""
        apps:
          - script: server.js
            min_uptime: 2m
            kill_timeout: 5s
            listen_timeout: 500ms
            restart_delay: "250"
            max_memory_restart: 200M
            stop_signal: sigterm
            stop_exit_codes: "0 3"
            autorestart: false
            autostart: false
            namespace: web
        """);
    assertThat(app.restart().minUptimeMs()).isEqualTo(120_000);
    assertThat(app.stop().killTimeoutMs()).isEqualTo(5_000);
    assertThat(app.listenTimeoutMs()).isEqualTo(500);
    assertThat(app.restart().restartDelayMs()).isEqualTo(250);
    assertThat(app.maxMemoryBytes()).isEqualTo(200L * 1024 * 1024);
    assertThat(app.stop().signal()).isEqualTo("TERM");
    assertThat(app.restart().stopExitCodes()).containsExactlyInAnyOrder(0, 3);
    assertThat(app.restart().autorestart()).isFalse();
    assertThat(app.autostart()).isFalse();
    assertThat(app.namespace()).isEqualTo("web");
  }

  @Test
  void profileMergesOverEnvWithVariables() {
    AppSpec app = only("""
        apps:
          - script: server.js
            env: {NODE_ENV: development, PORT: 3000, DEBUG: "1", OPTS: {a: 1}}
            env_production: {NODE_ENV: production, DEBUG: null, DB: "${DB_HOST}:${DB_PORT:-5432}"}
        """, "production", Map.of("DB_HOST", "db.internal"));
    assertThat(app.env()).containsExactlyInAnyOrderEntriesOf(Map.of("NODE_ENV", "production", "PORT", "3000",
        "OPTS", "{\"a\":1}", "DB", "db.internal:5432"));
  }

  @Test
  void withoutProfileOnlyEnvApplies() {
    AppSpec app = only("apps: [{script: server.js, env: {A: '1'}, env_production: {A: '2'}}]");
    assertThat(app.env()).containsExactly(Map.entry("A", "1"));
  }

  @Test
  void appendEnvToName() {
    AppSpec app = only("apps: [{name: web, script: server.js, append_env_to_name: true, env_dev: {}}]", "dev", Map.of());
    assertThat(app.name()).isEqualTo("web-dev");
  }

  @Test
  void specHashIsStableAcrossLoads() {
    String yaml = "apps: [{name: api, script: server.js, env: {A: '1'}}]";
    assertThat(only(yaml).specHash()).isEqualTo(only(yaml).specHash());
  }

  @Test
  void appsMayBeOneObjectAndTypeScriptRunsOnBun() {
    fx.script("web.ts");
    AppSpec app = only("apps: {script: web.ts, watch: src}");
    assertThat(app.name()).isEqualTo("web");
    assertThat(app.command()).containsExactly("bun", fx.path("web.ts"));
    assertThat(app.watch()).containsExactly(fx.path("src"));
  }
}
