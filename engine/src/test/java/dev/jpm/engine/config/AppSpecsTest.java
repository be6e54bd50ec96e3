package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PM2's one-liner {@code start SCRIPT --name N -i N -- args} gets the same normalisation as a file. */
class AppSpecsTest {

  @TempDir Path temp;
  LoaderFixture fx;
  AppSpecs specs;

  @BeforeEach
  void setUp() {
    fx = new LoaderFixture(temp).script("server.py");
    Map<String, String> env = Map.of("PATH", fx.bin.toString());
    specs = new AppSpecs(fx.home, LoaderFixture.CPUS, env::get);
  }

  @Test
  void buildsTheAppWithDefaults() {
    LoadResult result = specs.fromCommandLine("server.py", Map.of("instances", "max"), List.of("--port", "80"), fx.dir);
    assertThat(result.errors()).isEmpty();
    var app = result.desired().apps().getFirst();
    assertThat(app.name()).isEqualTo("server");
    assertThat(app.instances()).isEqualTo(LoaderFixture.CPUS);
    assertThat(app.command()).containsExactly("python3", fx.path("server.py"), "--port", "80");
    assertThat(app.source()).isNull();
    assertThat(app.logs().outFile()).isEqualTo(fx.home.resolve("logs/server-out.log").toString());
  }

  @Test
  void reportsProblemsAgainstTheCommandLine() {
    LoadResult result = specs.fromCommandLine("nothere.py", orderedKeys("name", "all", "instances", "x"), List.of(), fx.dir);
    assertThat(result.errors()).extracting(ConfigProblem::render).containsExactly(
        "command line: app \"all\": instances: must be a number of instances, \"max\" or -N (CPU count minus N), got \"x\"",
        "command line: app \"all\": name: app name \"all\" is reserved or malformed: it must not contain '#' or '/' nor be 'all'",
        "command line: app \"all\": script: not found: " + fx.path("nothere.py")
            + " does not exist and 'nothere.py' is not a command on PATH");
  }

  @Test
  void pm2OptionsBecomeKeysWithTheFilesValidationAndCoercions() {
    Map<String, Object> keys = new java.util.LinkedHashMap<>();
    keys.put("name", "api");
    keys.put("watch", List.of("src", "lib"));
    keys.put("max_restarts", "5");
    keys.put("autorestart", false);
    keys.put("cron_restart", "0 3 * * *");
    keys.put("max_memory_restart", "200M");
    keys.put("stop_exit_codes", List.of("0", "3"));
    keys.put("namespace", "shop");

    LoadResult result = specs.fromCommandLine("server.py", keys, List.of(), fx.dir);

    assertThat(result.errors()).isEmpty();
    var app = result.desired().apps().getFirst();
    assertThat(app.name()).isEqualTo("api");
    assertThat(app.namespace()).isEqualTo("shop");
    assertThat(app.restart().maxRestarts()).isEqualTo(5);
    assertThat(app.restart().autorestart()).isFalse();
    assertThat(app.restart().stopExitCodes()).containsExactlyInAnyOrder(0, 3);
    assertThat(app.maxMemoryBytes()).isEqualTo(200L * 1024 * 1024);
    assertThat(app.cronRestart().expression()).isEqualTo("0 3 * * *");
    assertThat(app.watch()).containsExactly(fx.dir.resolve("src").toString(), fx.dir.resolve("lib").toString());
  }

  private static Map<String, Object> orderedKeys(String... keysAndValues) {
    Map<String, Object> keys = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) keys.put(keysAndValues[i], keysAndValues[i + 1]);
    return keys;
  }
}
