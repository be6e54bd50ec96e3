package dev.jpm.engine.export;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an export needs beyond the apps.
 *
 * @param images default images by program (Kubernetes)
 * @param defaultLogFolder where jpm writes an app's logs when the file names no log file ({@code JPM_HOME/logs}):
 *     such logs become the target's own (kubectl logs, the journal) without a report line; a file the user named is
 *     reported or mapped
 */
public record ExportSettings(ImageDefaults images, Path defaultLogFolder) {

  public ExportSettings {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(defaultLogFolder, "defaultLogFolder");
  }

  /** Whether {@code file} (a log file template of a spec, or null) is a file the user asked for. */
  boolean namedByUser(String file) {
    return file != null && !file.equals("/dev/null") && !Path.of(file).startsWith(defaultLogFolder);
  }
}
