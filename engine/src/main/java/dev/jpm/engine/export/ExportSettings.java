package dev.jpm.engine.export;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an export needs beyond the apps.
 *
 * @param images default images by program (Kubernetes)
 * @param jpmHome where jpm keeps an app's log and pid files when the file names none: such files become the
 *     target's own logging (kubectl logs, the journal) without a report line; a file the user named is reported
 */
public record ExportSettings(ImageDefaults images, Path jpmHome) {

  public ExportSettings {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(jpmHome, "jpmHome");
  }

  /** Whether {@code file} (a log or pid file template of a spec, or null) is a file the user asked for. */
  boolean namedByUser(String file) {
    return file != null && !file.equals("/dev/null") && !Path.of(file).startsWith(jpmHome);
  }
}
