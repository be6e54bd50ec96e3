package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apps as systemd system units: {@code jpm-NAME.service}, or for several instances a template
 * {@code jpm-NAME@.service} with a {@code jpm-NAME.target} that wants each instance, and a {@code jpm-NAME-cron}
 * service and timer for {@code cron_restart}.
 */
final class SystemdExport {

  private SystemdExport() {}

  static ExportResult export(List<AppSpec> all, List<AppSpec> selected, ExportSettings settings) {
    Map<String, AppSpec> byName = new LinkedHashMap<>();
    all.forEach(app -> byName.put(app.name(), app));
    List<ExportFile> files = new ArrayList<>();
    List<Loss> losses = new ArrayList<>();
    for (AppSpec app : selected) {
      SystemdApp units = new SystemdApp(app, byName, settings);
      files.addAll(units.files());
      losses.addAll(units.losses());
    }
    return new ExportResult.Exported(files, losses);
  }
}
