package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import java.util.List;
import java.util.Locale;

/** The engines jpm exports to. */
public enum ExportTarget {
  KUBERNETES,
  NOMAD,
  SYSTEMD;

  /**
   * The objects of the {@code selected} apps; {@code all} are the file's apps, which dependencies may name.
   *
   * @param selected the apps to export, a part of {@code all} in file order
   */
  public ExportResult export(List<AppSpec> all, List<AppSpec> selected, ExportSettings settings) {
    return switch (this) {
      case KUBERNETES -> KubernetesExport.export(all, selected, settings);
      case NOMAD -> NomadExport.export(all, selected, settings);
      case SYSTEMD -> SystemdExport.export(all, selected, settings);
    };
  }

  /** The word on the command line: {@code kubernetes}, {@code nomad}, {@code systemd}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
