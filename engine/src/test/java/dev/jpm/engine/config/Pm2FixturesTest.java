package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ExecMode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PM2-style ecosystem files (written after PM2's test fixtures) load unchanged. */
class Pm2FixturesTest {

  private static final int CPUS = 4;

  @TempDir Path home;

  private static Path fixtures() throws URISyntaxException {
    return Path.of(Pm2FixturesTest.class.getResource("/config/pm2").toURI());
  }

  private LoadResult load(String name, String profile) throws Exception {
    Path file = fixtures().resolve(name);
    return new EcosystemLoader(home, CPUS).load(new ConfigSource(file, Files.readString(file), profile, Map.of()));
  }

  private static AppSpec app(LoadResult result, String name) {
    return result.desired().apps().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void strictJsonWithStringInstancesAndProfiles() throws Exception {
    LoadResult result = load("all.json", "production");

    assertThat(result.errors()).isEmpty();
    Path dir = fixtures();
    AppSpec echo = app(result, "echo");
    assertThat(echo.env()).containsExactlyInAnyOrderEntriesOf(
        Map.of("NODE_ENV", "production", "PORT", "80", "DEBUG", "true"));
    assertThat(echo.maxMemoryBytes()).isEqualTo(300L * 1024 * 1024);
    AppSpec child = app(result, "child");
    assertThat(child.instances()).isEqualTo(4);
    assertThat(child.execMode()).isEqualTo(ExecMode.FORK);
    assertThat(child.logs().outFile()).isEqualTo(dir.resolve("out-child.log").toString());
    assertThat(child.logs().errorFile()).isEqualTo(dir.resolve("err-child.log").toString());
    assertThat(child.restart().minUptimeMs()).isEqualTo(100);
    assertThat(child.restart().maxRestarts()).isEqualTo(50);
    AppSpec api = app(result, "api-2");
    assertThat(api.instances()).isEqualTo(CPUS);
    assertThat(api.execMode()).isEqualTo(ExecMode.CLUSTER);
    assertThat(api.command()).containsExactly("node", "--max-old-space-size=256", "--trace-warnings",
        dir.resolve("apps/http.js").toString(), "--port", "8080", "--label", "two words");
    assertThat(api.restart().stopExitCodes()).containsExactlyInAnyOrder(12, 42);
    assertThat(api.stop().killTimeoutMs()).isEqualTo(4000);
    assertThat(api.cronRestart().expression()).isEqualTo("0 3 * * *");
    assertThat(api.logs().merge()).isTrue();
    assertThat(api.logs().dateFormat().pattern()).isEqualTo("YYYY-MM-DD HH:mm Z");
    assertThat(result.warnings()).extracting(ConfigProblem::message).contains(
        "'pmx' is a PM2/Node-only option; jpm ignores it", "'treekill' is a PM2/Node-only option; jpm ignores it");
  }

  @Test
  void yamlWithPm2AliasesAndNullLogs() throws Exception {
    LoadResult result = load("apps.yml", null);

    assertThat(result.errors()).isEmpty();
    Path dir = fixtures();
    AppSpec echo = app(result, "echo");
    assertThat(echo.instances()).isEqualTo(4);
    assertThat(echo.watch()).containsExactly(dir.toString());
    assertThat(echo.ignoreWatch()).containsExactly("node_modules", "*.log");
    AppSpec python = app(result, "echo-python");
    assertThat(python.command()).containsExactly("python3", "-u", dir.resolve("apps/echo.py").toString());
    assertThat(python.logs().outFile()).isEqualTo("/dev/null");
    assertThat(python.env()).containsExactly(Map.entry("PYTHONUNBUFFERED", "1")); // declared, and PM2's default
    AppSpec php = app(result, "hello");
    assertThat(php.command()).containsExactly("php", dir.resolve("apps/hello.php").toString());
    assertThat(php.logs().combinedFile()).isEqualTo(home.resolve("logs/hello.log").toString());
    assertThat(php.logs().outFile()).isEqualTo(dir.resolve("logs/php-out.log").toString());
    assertThat(php.logs().errorFile()).isEqualTo(dir.resolve("logs/php-err.log").toString());
    assertThat(php.logs().merge()).isTrue();
    assertThat(php.cronRestart().expression()).isEqualTo("*/5 * * * *");
  }

  @Test
  void legacyPm2KeyAndDeploySection() throws Exception {
    LoadResult result = load("pm2-ecosystem.json", null);

    assertThat(result.errors()).isEmpty();
    AppSpec legacy = app(result, "legacy");
    assertThat(legacy.restart().autorestart()).isFalse();
    assertThat(legacy.restart().restartDelayMs()).isEqualTo(200);
    assertThat(legacy.restart().expBackoffInitialMs()).isEqualTo(100);
    assertThat(result.warnings()).extracting(ConfigProblem::render).containsExactly(
        fixtures().resolve("pm2-ecosystem.json") + ":9:3: deploy: PM2's 'deploy' section is not supported by jpm; it is ignored");
  }

  @Test
  void camelCaseKeys() throws Exception {
    LoadResult result = load("camel-case.json", null);

    assertThat(result.errors()).isEmpty();
    AppSpec camel = app(result, "camel");
    assertThat(camel.maxMemoryBytes()).isEqualTo(1L << 30);
    assertThat(camel.restart().minUptimeMs()).isEqualTo(2000);
    assertThat(camel.restart().maxRestarts()).isEqualTo(3);
    assertThat(camel.restart().restartDelayMs()).isEqualTo(500);
    assertThat(camel.restart().stopExitCodes()).isEqualTo(Set.of(0));
    assertThat(camel.stop().killTimeoutMs()).isEqualTo(3000);
    assertThat(camel.listenTimeoutMs()).isEqualTo(8000);
    assertThat(camel.instanceVar()).isEqualTo("APP_ID");
    assertThat(camel.incrementVar()).isEqualTo("PORT");
    assertThat(camel.logs().merge()).isTrue();
    assertThat(camel.logs().dateFormat().pattern()).isEqualTo("HH:mm");
    assertThat(camel.interpreterArgs()).containsExactly("--inspect");
    assertThat(camel.execMode()).isEqualTo(ExecMode.CLUSTER);
    assertThat(camel.ignoreWatch()).containsExactly("node_modules", "tmp");
    assertThat(camel.watchDelayMs()).isEqualTo(1000);
    assertThat(result.warnings()).extracting(ConfigProblem::message).containsExactly(
        "'windowsHide' is a PM2/Node-only option; jpm ignores it",
        "'sourceMapSupport' is a PM2/Node-only option; jpm ignores it");
  }

  @Test
  void bareAppObjectWithNegativeInstances() throws Exception {
    LoadResult result = load("cluster-bare.json", null);

    assertThat(result.errors()).isEmpty();
    AppSpec bare = app(result, "bare");
    assertThat(bare.instances()).isEqualTo(CPUS - 1);
    assertThat(bare.port()).isEqualTo(8000);
    assertThat(bare.inheritsSocket()).as("a PM2 cluster file with a port gets the hand-off, no key needed").isTrue();
  }

  @Test
  void everyFixtureLoadsWithoutErrors() throws IOException, URISyntaxException {
    List<Path> files;
    try (var stream = Files.list(fixtures())) {
      files = stream.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSize(5);
    for (Path file : files) {
      LoadResult result = new EcosystemLoader(home, CPUS).load(new ConfigSource(file, Files.readString(file), null, Map.of()));
      assertThat(result.errors()).as(file.toString()).isEmpty();
    }
  }
}
