package dev.jpm.engine.daemon;

import dev.jpm.engine.config.ConfigProblem;
import dev.jpm.engine.config.ConfigReader;
import dev.jpm.engine.config.ConfigSource;
import dev.jpm.engine.config.DaemonSettings;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.config.LogRotateSettings;
import dev.jpm.engine.isolate.Releasable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The daemon's config stack (YAML, JSON trees, the schema validator: about a third of the classes a daemon would
 * otherwise hold) loaded in a class loader of its own for the files the daemon reads itself (a GitOps source's file,
 * its settings file; what a user gives to {@code apply}, {@code diff} or {@code start} arrives read by the CLI),
 * and unloaded once nothing was read for {@link #IDLE}. A daemon that runs 50 apps for months then
 * holds what supervising them takes.
 */
final class IsolatedConfig implements ConfigReader {

  /** Long enough for a GitOps diff, then a sync, to find the stack loaded. */
  static final Duration IDLE = Duration.ofSeconds(10);

  /** Overrides {@link #IDLE} in milliseconds (tests watch a release without waiting for it). */
  static final String IDLE_PROPERTY = "jpm.config.idle_ms";

  /** The implementation, named (not referenced) so that this side never loads it. */
  static final String IMPLEMENTATION = "dev.jpm.engine.config.FileConfigReader";

  /** What crosses {@link ConfigReader}: the model and the plain records of the config package. */
  private static final Set<String> CONFIG_API = Set.of(
      ConfigReader.class.getName(), ConfigSource.class.getName(), LoadResult.class.getName(),
      ConfigProblem.class.getName(), DaemonSettings.class.getName(), DaemonSettings.Loaded.class.getName(),
      LogRotateSettings.class.getName());

  /**
   * The types that cross, and jackson-core: the daemon's protocol holds it loaded and compiled anyway, and it knows
   * nothing of the stack's classes (databind, YAML, the validator), so sharing it spares each load its ~120 classes.
   */
  static final Predicate<String> SHARED = name -> name.startsWith("dev.jpm.engine.model.")
      || name.startsWith("tools.jackson.core.") || CONFIG_API.contains(name);

  private final Releasable<ConfigReader> stack;

  /** {@link #IDLE}, or what {@link #IDLE_PROPERTY} says. */
  static Duration idle() {
    try {
      return Duration.ofMillis(Long.parseLong(System.getProperty(IDLE_PROPERTY, "")));
    } catch (NumberFormatException unset) {
      return IDLE;
    }
  }

  IsolatedConfig(Path jpmHome, int cpuCount, Duration idle) {
    this.stack = new Releasable<>("config", IMPLEMENTATION, SHARED,
        implementation -> (ConfigReader) implementation.getConstructor(Path.class, int.class)
            .newInstance(jpmHome, cpuCount),
        idle);
  }

  @Override
  public LoadResult load(ConfigSource source) {
    return stack.call(reader -> reader.load(source));
  }

  @Override
  public DaemonSettings.Loaded daemonSettings() {
    return stack.call(ConfigReader::daemonSettings);
  }

  @Override
  public LogRotateSettings logRotateSettings() {
    return stack.call(ConfigReader::logRotateSettings);
  }
}
