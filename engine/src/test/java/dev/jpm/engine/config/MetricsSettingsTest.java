package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.MetricsEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code metrics:} key of an ecosystem file and the daemon's {@code settings.yaml}. */
class MetricsSettingsTest {

  @TempDir Path temp;

  @Test
  void anEcosystemFileMayAskForTheEndpointOnLoopbackByDefault() {
    var fx = new LoaderFixture(temp).script("a.sh");
    LoadResult result = fx.load("e.yaml", """
        metrics:
          port: 9209
        apps:
          - script: a.sh
        """);

    assertThat(result.errors()).isEmpty();
    assertThat(result.desired().metrics()).isEqualTo(new MetricsEndpoint("127.0.0.1", 9209));
  }

  @Test
  void aFileWithoutMetricsSaysNothingAboutTheEndpoint() {
    var fx = new LoaderFixture(temp).script("a.sh");

    assertThat(fx.load("e.yaml", "apps:\n  - script: a.sh\n").desired().metrics()).isNull();
  }

  @Test
  void badMetricsAreLocatedErrorsAndNothingIsApplied() {
    var fx = new LoaderFixture(temp).script("a.sh");
    LoadResult result = fx.load("e.yaml", """
        metrics:
          prot: 9209
          host: 7
        apps:
          - script: a.sh
        """);

    assertThat(result.desired()).isNull();
    assertThat(result.errors()).extracting(ConfigProblem::render).containsExactly(
        fx.path("e.yaml") + ":2:3: metrics: unknown key 'prot'; did you mean port?",
        fx.path("e.yaml") + ":2:3: metrics needs a port: metrics: {port: 9209} serves http://127.0.0.1:9209/metrics",
        fx.path("e.yaml") + ":3:9: metrics.host must be an address such as 127.0.0.1, got 7");
  }

  @Test
  void noSettingsFileMeansTheDefaults() {
    var loaded = DaemonSettingsReader.load(temp);

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.settings()).isEqualTo(DaemonSettings.DEFAULTS);
    assertThat(loaded.settings().sampleInterval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void settingsEnableTheEndpointAndSetTheSampleInterval() throws Exception {
    Files.writeString(temp.resolve("settings.yaml"), """
        metrics:
          port: 0
          host: 0.0.0.0
          sample_interval: 500ms
        """);

    var loaded = DaemonSettingsReader.load(temp);

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.settings().metricsEndpoint()).contains(new MetricsEndpoint("0.0.0.0", 0));
    assertThat(loaded.settings().sampleInterval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aWrongSettingIsLocatedAndTheRestStillApplies() throws Exception {
    Files.writeString(temp.resolve("settings.yaml"), """
        metric:
          port: 1
        metrics:
          port: 70000
          sample_interval: 10ms
        """);

    var loaded = DaemonSettingsReader.load(temp);

    String file = temp.toAbsolutePath().resolve("settings.yaml").toString();
    assertThat(loaded.problems()).extracting(ConfigProblem::render).containsExactly(
        file + ":1:1: unknown section 'metric'; did you mean metrics?",
        file + ":4:9: metrics.port must be a TCP port 0..65535 (0: any free port), got 70000",
        file + ":5:20: metrics.sample_interval must be a duration of at least 100ms (e.g. 2s), got \"10ms\"");
    assertThat(loaded.settings()).isEqualTo(new DaemonSettings(Optional.empty(), Duration.ofSeconds(2)));
  }

  @Test
  void theLogRotateSectionBelongsToTheSettingsFileToo() throws Exception {
    // Both sections live in one file; each reader must accept the other's section.
    Files.writeString(temp.resolve("settings.yaml"), """
        metrics:
          sample_interval: 1s
        log_rotate:
          size: 10M
          keep: 3
        """);

    var loaded = DaemonSettingsReader.load(temp);

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.settings().sampleInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(LogRotateSettingsReader.read(temp.resolve("settings.yaml")).problems()).isEmpty();
  }
}
