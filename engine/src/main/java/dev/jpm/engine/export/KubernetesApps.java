package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every app of the file with its Kubernetes name: what one app's objects need to know about the others. */
final class KubernetesApps {

  static final String NAME_LABEL = "app.kubernetes.io/name";

  private final Map<String, AppSpec> apps = new LinkedHashMap<>();
  private final Map<String, String> names;

  KubernetesApps(List<AppSpec> all, Map<String, String> names) {
    all.forEach(app -> apps.put(app.name(), app));
    this.names = Map.copyOf(names);
  }

  /** The app named so in the file, or null. */
  AppSpec app(String name) {
    return apps.get(name);
  }

  String nameOf(String app) {
    return names.get(app);
  }

  /** The labels of an app's objects; the selector is the name label alone, which is never changed. */
  Map<String, Object> labelsOf(AppSpec app) {
    return Fields.of(NAME_LABEL, nameOf(app.name()),
        "app.kubernetes.io/part-of", KubernetesNames.of(app.namespace()),
        "app.kubernetes.io/managed-by", "jpm");
  }

  Map<String, Object> selectorOf(AppSpec app) {
    return Fields.of(NAME_LABEL, nameOf(app.name()));
  }

  /** Metadata with the jpm name kept in an annotation where the Kubernetes name had to differ. */
  Map<String, Object> metadataOf(AppSpec app) {
    String name = nameOf(app.name());
    Map<String, Object> annotations = name.equals(app.name()) ? null : Fields.of("jpm.dev/app", app.name());
    return Fields.of("name", name, "labels", labelsOf(app), "annotations", annotations);
  }
}
