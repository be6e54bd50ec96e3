package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.HealthCheck;
import org.junit.jupiter.api.Test;

class AppDetailsTest {

  @Test
  void aHealthCheckReadsAsWordsNotAsAJavaRecord() {
    assertThat(AppDetails.describe(new HealthCheck(HealthCheck.Type.HTTP, "/health", 8080, 5000, 1000, 1, 3, 5)))
        .isEqualTo("http GET :8080/health every 5000ms, timeout 1000ms, ready after 1 pass, out of rotation after 3"
            + " failures, restarted after 5");
    assertThat(AppDetails.describe(new HealthCheck(HealthCheck.Type.TCP, null, null, 2000, 500, 2, 1, 0)))
        .isEqualTo("tcp connect PORT every 2000ms, timeout 500ms, ready after 2 passes, out of rotation after 1 failures")
        .doesNotContain("HealthCheck[");
  }
}
