package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.supervise.ChildEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where an app's environment goes in Kubernetes (decision 0032). An app that declares more than {@link #HANDFUL}
 * variables gets them in a ConfigMap ({@code NAME-env}, read by {@code envFrom}): a long list reads better, and is
 * changed, apart from the Deployment. What jpm injects ({@code JPM_APP}, {@code PORT}, the instance variable) stays in
 * the container's {@code env}, which wins over {@code envFrom} as jpm's injected values win over the declared ones.
 * A {@code secret_env} variable lands in neither: its value is left out of the manifests, and the container reads it
 * from the Secret {@code NAME-secrets}, which the user creates (reported).
 */
final class KubernetesEnv {

  /** More declared variables than this go to a ConfigMap. */
  static final int HANDFUL = 5;

  /** What a ConfigMap key may be ({@code envFrom} skips other names, so such a variable stays inline). */
  private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private final String name;
  private final Map<String, String> inline = new LinkedHashMap<>();
  private final Map<String, String> configMap = new LinkedHashMap<>();
  private final List<String> secrets = new ArrayList<>();

  /** @param env the instance's environment as jpm builds it ({@link ChildEnvironment}) */
  KubernetesEnv(AppSpec app, String name, Map<String, String> env, AppLosses losses) {
    this.name = name;
    boolean shared = app.env().keySet().stream().filter(key -> !app.secretEnv().contains(key)).count() > HANDFUL;
    env.forEach((key, value) -> {
      if (app.secretEnv().contains(key)) {
        secrets.add(key);
        losses.add("env." + key, "secret_env: its value is left out of the manifests; create it with kubectl create"
            + " secret generic " + secretName() + " --from-literal=" + key + "=VALUE");
      } else if (shared && value.equals(app.env().get(key)) && CONFIG_MAP_KEY.matcher(key).matches()) {
        configMap.put(key, value);
      } else {
        inline.put(key, value);
      }
    });
  }

  String configMapName() {
    return name + "-env";
  }

  String secretName() {
    return name + "-secrets";
  }

  /** The ConfigMap of the declared variables, or null when they are few. */
  Map<String, Object> configMap(Map<String, Object> metadata) {
    if (configMap.isEmpty()) return null;
    return Fields.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", metadata, "data", configMap);
  }

  /** The container's {@code envFrom}, or null. */
  List<Map<String, Object>> envFrom() {
    return configMap.isEmpty() ? null : List.of(Fields.of("configMapRef", Fields.of("name", configMapName())));
  }

  /** The container's {@code env}: inline values, then each secret read from the Secret. */
  List<Map<String, Object>> env() {
    List<Map<String, Object>> list = new ArrayList<>();
    inline.forEach((key, value) -> list.add(Fields.of("name", key, "value", value)));
    for (String key : secrets)
      list.add(Fields.of("name", key, "valueFrom",
          Fields.of("secretKeyRef", Fields.of("name", secretName(), "key", key))));
    return list.isEmpty() ? null : list;
  }
}
