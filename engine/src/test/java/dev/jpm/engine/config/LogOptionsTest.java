package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.LogRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log_rotate and log_date_format in an ecosystem file, and the daemon-wide log_rotate of settings.yaml. */
class LogOptionsTest {

  @TempDir Path temp;
  LoaderFixture fx;

  @BeforeEach
  void setUp() {
    fx = new LoaderFixture(temp).script("server.js");
  }

  private List<String> errors(String content) {
    LoadResult result = fx.load("e.yaml", content);
    return result.errors().stream().map(ConfigProblem::render).toList();
  }

  @Test
  void logRotateBecomesTheAppsRotation() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - name: api
            script: server.js
            log_rotate: {size: 10M, interval: daily, keep: 3, compress: true}
          - name: quiet
            script: server.js
            log_rotate: false
          - name: plain
            script: server.js
        """);

    List<AppSpec> apps = result.desired().apps();
    assertThat(apps.get(0).logs().rotation()).isEqualTo(new LogRotation(10L << 20, LogRotation.Interval.DAILY, 3, true));
    assertThat(apps.get(1).logs().rotation()).isEqualTo(LogRotation.NONE);
    assertThat(apps.get(2).logs().rotation()).as("the daemon-wide default applies").isNull();
  }

  @Test
  void badRotationKeysAndDateTokensAreLocated() {
    assertThat(errors("""
        apps:
          - name: api
            script: server.js
            log_date_format: "YYYY-MM-DD HH:mm:ss.SS"
            log_rotate: {size: 10M, every: daily}
          - name: never
            script: server.js
            log_rotate: {keep: 3}
        """)).satisfiesExactly(
            e -> assertThat(e).startsWith(fx.path("e.yaml") + ":4:").contains("app \"api\": log_date_format: unknown dayjs token 'SS' at column 21"),
            e -> assertThat(e).startsWith(fx.path("e.yaml") + ":5:").contains("every"),
            e -> assertThat(e).startsWith(fx.path("e.yaml") + ":8:").contains("app \"never\": log_rotate: says neither size nor interval"));
  }

  @Test
  void settingsGiveTheDaemonWideDefaultAndLeaveOtherSectionsAlone() throws IOException {
    Path settings = temp.resolve("settings.yaml");
    Files.writeString(settings, """
        metrics: {port: 9209}
        log_rotate:
          size: 50M
          keep: 2
        """);

    LogRotateSettings read = LogRotateSettingsReader.read(settings);
    assertThat(read.problems()).isEmpty();
    assertThat(read.rotation()).isEqualTo(new LogRotation(50L << 20, LogRotation.Interval.NONE, 2, false));
    assertThat(LogRotateSettingsReader.read(temp.resolve("absent.yaml")).rotation()).isEqualTo(LogRotation.NONE);
  }

  @Test
  void badSettingsAreLocatedAndLeaveRotationOff() throws IOException {
    Path settings = temp.resolve("settings.yaml");
    Files.writeString(settings, """
        log_rotate:
          size: lots
          intervall: daily
          keep: 0
        """);

    LogRotateSettings read = LogRotateSettingsReader.read(settings);
    assertThat(read.rotation()).isEqualTo(LogRotation.NONE);
    assertThat(read.problems()).satisfiesExactly(
        e -> assertThat(e).isEqualTo(settings + ":2:9: log_rotate.size: not a size: \"lots\" (bytes, or a number with K, M or G)"),
        e -> assertThat(e).startsWith(settings + ":3:3: log_rotate.intervall: unknown key"),
        e -> assertThat(e).startsWith(settings + ":4:9: log_rotate.keep: must be a whole number"));
  }
}
