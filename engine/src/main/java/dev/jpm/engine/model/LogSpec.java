package dev.jpm.engine.model;

/**
 * Where an app's output goes. Paths are absolute file templates, or null for "none". When {@code merge} is false
 * the supervisor inserts {@code -<instance>} before the extension, as PM2 does; {@code /dev/null} disables a
 * stream.
 *
 * @param outFile stdout file (PM2 default {@code JPM_HOME/logs/<name>-out.log})
 * @param errorFile stderr file (PM2 default {@code JPM_HOME/logs/<name>-error.log})
 * @param combinedFile out and err together ({@code log_file}), or null
 * @param merge one file for all instances (no instance suffix)
 * @param disabled discard output entirely ({@code disable_logs})
 * @param dateFormat the timestamp prefix of each line, or null
 * @param json one JSON object per line ({@code log_type: json})
 * @param pidFile pid file template, or null
 * @param rotation the app's own rotation ({@code log_rotate}), or null to follow the daemon-wide default
 */
public record LogSpec(
    String outFile,
    String errorFile,
    String combinedFile,
    boolean merge,
    boolean disabled,
    LogDateFormat dateFormat,
    boolean json,
    String pidFile,
    LogRotation rotation) {

  /** Without an own rotation: the daemon-wide default applies. */
  public LogSpec(String outFile, String errorFile, String combinedFile, boolean merge, boolean disabled,
      LogDateFormat dateFormat, boolean json, String pidFile) {
    this(outFile, errorFile, combinedFile, merge, disabled, dateFormat, json, pidFile, null);
  }
}
