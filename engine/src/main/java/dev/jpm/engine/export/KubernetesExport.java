package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Apps as Kubernetes manifests: one YAML stream per app ({@code NAME.yaml}), which concatenate into one. */
final class KubernetesExport {

  private KubernetesExport() {}

  static ExportResult export(List<AppSpec> all, List<AppSpec> selected, ExportSettings settings) {
    List<ExportProblem> problems = new ArrayList<>();
    Map<String, String> names = KubernetesNames.assign(all, problems);
    List<String> images = new ArrayList<>();
    for (AppSpec app : selected) {
      Optional<String> image = settings.images().imageOf(app);
      if (image.isEmpty()) problems.add(ImageDefaults.missing(app));
      images.add(image.orElse(null));
    }
    if (!problems.isEmpty()) return new ExportResult.Refused(problems);
    KubernetesApps apps = new KubernetesApps(all, names);
    List<ExportFile> files = new ArrayList<>();
    List<Loss> losses = new ArrayList<>();
    for (int i = 0; i < selected.size(); i++) {
      AppSpec app = selected.get(i);
      KubernetesApp objects = new KubernetesApp(app, images.get(i), apps, settings);
      files.add(new ExportFile(names.get(app.name()) + ".yaml", YamlDocuments.of(objects.objects())));
      if (!names.get(app.name()).equals(app.name()))
        losses.add(new Loss(app.name(), "name", "named " + names.get(app.name()) + " (Kubernetes names are"
            + " lower-case letters, digits and '-'); the annotation jpm.dev/app keeps the name"));
      losses.addAll(objects.losses());
    }
    return new ExportResult.Exported(files, losses);
  }
}
