package dev.jpm.engine.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.plan.SpecBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopWavesTest {

  @Test
  void dependentsGoDownFirstAndIndependentAppsTogether() {
    Map<String, AppSpec> specs = Map.of(
        "db", SpecBuilder.app("db").build(),
        "api", SpecBuilder.app("api").dependsOn("db").build(),
        "web", SpecBuilder.app("web").dependsOn("api").build(),
        "cron", SpecBuilder.app("cron").build());

    assertThat(StopWaves.of(List.of("db", "api", "web", "cron"), specs))
        .containsExactly(List.of("web", "cron"), List.of("api"), List.of("db"));
  }

  @Test
  void onlyDependenciesAmongTheStoppedAppsCount() {
    Map<String, AppSpec> specs = Map.of("db", SpecBuilder.app("db").build(),
        "api", SpecBuilder.app("api").dependsOn("db").build());

    assertThat(StopWaves.of(List.of("db"), specs)).containsExactly(List.of("db"));
  }

  @Test
  void aCycleEndsInOneLastWave() {
    Map<String, AppSpec> specs = Map.of("a", SpecBuilder.app("a").dependsOn("b").build(),
        "b", SpecBuilder.app("b").dependsOn("a").build());

    assertThat(StopWaves.of(List.of("a", "b"), specs)).containsExactly(List.of("a", "b"));
  }
}
