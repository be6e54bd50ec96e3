package dev.jpm.engine.plan;

import static dev.jpm.engine.plan.SpecBuilder.app;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {

  private static List<String> names(List<AppSpec> apps) {
    return apps.stream().map(AppSpec::name).toList();
  }

  @Test
  void dependenciesComeFirstAndTiesKeepTheGivenOrder() {
    List<AppSpec> apps = List.of(app("web").dependsOn("api").build(), app("api").dependsOn("db").build(),
        app("db").build(), app("worker").build());

    assertThat(names(DependencyOrder.dependenciesFirst(apps))).containsExactly("db", "api", "web", "worker");
    assertThat(names(DependencyOrder.dependentsFirst(apps))).containsExactly("web", "api", "db", "worker");
  }

  @Test
  void aCycleFallsBackToTheGivenOrderInsteadOfFailing() {
    List<AppSpec> apps = List.of(app("x").build(), app("a").dependsOn("b").build(), app("b").dependsOn("a").build());

    assertThat(names(DependencyOrder.dependenciesFirst(apps))).containsExactly("x", "a", "b");
  }

  @Test
  void dependenciesOutsideTheListAreIgnored() {
    List<AppSpec> apps = List.of(app("api").dependsOn("elsewhere").build(), app("db").build());

    assertThat(names(DependencyOrder.dependenciesFirst(apps))).containsExactly("api", "db");
  }
}
