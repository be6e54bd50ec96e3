package dev.jpm.engine.config;

/**
 * What the daemon asks of the config stack: ecosystem files (a GitOps source's) and its own settings file, each
 * read into plain data. The daemon holds the stack behind this interface so that it can load it in a class loader
 * of its own and drop it when idle (YAML, JSON trees and the schema validator are most of the classes a daemon
 * would otherwise keep for its lifetime). Everything that crosses it is a model record or one of the plain records
 * of this package ({@link ConfigSource}, {@link LoadResult}, {@link ConfigProblem}, {@link DaemonSettings},
 * {@link LogRotateSettings}).
 */
public interface ConfigReader {

  /** An ecosystem file; see {@link EcosystemLoader#load}. */
  LoadResult load(ConfigSource source);

  /** {@code JPM_HOME/settings.yaml}; see {@link DaemonSettingsReader}. */
  DaemonSettings.Loaded daemonSettings();

  /** The {@code log_rotate} section of {@code JPM_HOME/settings.yaml}; see {@link LogRotateSettingsReader}. */
  LogRotateSettings logRotateSettings();
}
