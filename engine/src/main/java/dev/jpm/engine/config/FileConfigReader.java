package dev.jpm.engine.config;

import java.nio.file.Path;

/** The config stack itself, reading with this package's loaders in whatever class loader loaded it. */
public final class FileConfigReader implements ConfigReader {

  private final Path jpmHome;
  private final EcosystemLoader files;

  /**
   * @param jpmHome where settings live, and default log and pid files
   * @param cpuCount what {@code instances: max} (and {@code -N}) count from
   */
  public FileConfigReader(Path jpmHome, int cpuCount) {
    this.jpmHome = jpmHome.toAbsolutePath();
    this.files = new EcosystemLoader(jpmHome, cpuCount);
  }

  @Override
  public LoadResult load(ConfigSource source) {
    return files.load(source);
  }

  @Override
  public DaemonSettings.Loaded daemonSettings() {
    return DaemonSettingsReader.load(jpmHome);
  }

  @Override
  public LogRotateSettings logRotateSettings() {
    return LogRotateSettingsReader.read(jpmHome.resolve(DaemonSettings.FILE_NAME));
  }
}
