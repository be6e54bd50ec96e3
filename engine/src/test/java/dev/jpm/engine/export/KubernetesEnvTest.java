package dev.jpm.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.plan.SpecBuilder;
import dev.jpm.engine.supervise.ChildEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesEnvTest {

  @Test
  void fiveDeclaredVariablesStayInTheContainer() {
    KubernetesEnv env = env(declared(5).build());

    assertThat(env.configMap(Map.of())).isNull();
    assertThat(env.envFrom()).isNull();
    assertThat(names(env)).containsExactly("V1", "V2", "V3", "V4", "V5", "JPM_APP", "NODE_APP_INSTANCE");
  }

  @Test
  void sixGoToAConfigMapAndWhatJpmInjectsStaysInTheContainerWhereItWins() {
    KubernetesEnv env = env(declared(6).env("PORT", "1").port(8080).build());

    assertThat(env.configMap(Map.of())).extracting(map -> map.get("data")).isEqualTo(
        Map.of("V1", "1", "V2", "2", "V3", "3", "V4", "4", "V5", "5", "V6", "6"));
    assertThat(env.envFrom()).containsExactly(Map.of("configMapRef", Map.of("name", "api-env")));
    // PORT was declared as 1, and jpm gives the app its port: the injected value is the one the app sees.
    assertThat(env.env()).containsExactly(Map.of("name", "PORT", "value", "8080"),
        Map.of("name", "JPM_APP", "value", "api"), Map.of("name", "NODE_APP_INSTANCE", "value", "0"));
  }

  @Test
  void aSecretIsNeverWrittenAndNeverCountsTowardsTheHandful() {
    AppLosses losses = new AppLosses(declared(5).env("DB_PASSWORD", "hunter2").secretEnv("DB_PASSWORD").build());
    KubernetesEnv env = env(declared(5).env("DB_PASSWORD", "hunter2").secretEnv("DB_PASSWORD").build(), losses);

    assertThat(env.configMap(Map.of())).isNull();
    assertThat(env.env()).last().isEqualTo(Map.of("name", "DB_PASSWORD", "valueFrom",
        Map.of("secretKeyRef", Map.of("name", "api-secrets", "key", "DB_PASSWORD"))));
    assertThat(env.env().toString()).doesNotContain("hunter2");
    assertThat(losses.list()).singleElement().extracting(Loss::render).asString()
        .startsWith("api.env.DB_PASSWORD: secret_env: its value is left out of the manifests");
  }

  private static SpecBuilder declared(int count) {
    SpecBuilder app = SpecBuilder.app("api");
    for (int i = 1; i <= count; i++) app.env("V" + i, Integer.toString(i));
    return app;
  }

  private static KubernetesEnv env(AppSpec app) {
    return env(app, new AppLosses(app));
  }

  private static KubernetesEnv env(AppSpec app, AppLosses losses) {
    return new KubernetesEnv(app, "api", ChildEnvironment.of(app, 0, Map.of()), losses);
  }

  private static List<Object> names(KubernetesEnv env) {
    return env.env().stream().map(variable -> variable.get("name")).toList();
  }
}
