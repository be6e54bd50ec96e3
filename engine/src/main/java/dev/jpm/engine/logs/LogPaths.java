package dev.jpm.engine.logs;

import dev.jpm.engine.model.LogSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of one instance, from the app's {@link LogSpec} templates: {@code -<index>} goes before the extension
 * unless logs are merged ({@code api-out.log} → {@code api-out-0.log}); {@code /dev/null}, {@code NULL} or
 * {@code disabled} mean "discard". Relative templates resolve against JPM_HOME (the config normally makes them
 * absolute; this only keeps files out of the daemon's working directory).
 *
 * @param out stdout file, empty to discard
 * @param error stderr file, empty to discard
 * @param combined file receiving both streams, empty when none
 * @param pid pid file, empty when none
 */
public record LogPaths(Optional<Path> out, Optional<Path> error, Optional<Path> combined, Optional<Path> pid) {

  public static LogPaths of(LogSpec spec, int index, Path jpmHome) {
    if (spec.disabled()) return new LogPaths(Optional.empty(), Optional.empty(), Optional.empty(), pid(spec, index, jpmHome));
    return new LogPaths(
        file(spec.outFile(), spec.merge(), index, jpmHome),
        file(spec.errorFile(), spec.merge(), index, jpmHome),
        file(spec.combinedFile(), spec.merge(), index, jpmHome),
        pid(spec, index, jpmHome));
  }

  /** Pid files are always per instance: two instances can never share one. */
  private static Optional<Path> pid(LogSpec spec, int index, Path jpmHome) {
    return file(spec.pidFile(), false, index, jpmHome);
  }

  private static Optional<Path> file(String template, boolean merge, int index, Path jpmHome) {
    if (template == null || template.isBlank()) return Optional.empty();
    if (template.equals("/dev/null") || template.equalsIgnoreCase("null")) return Optional.empty();
    Path path = jpmHome.resolve(template);
    return Optional.of(merge ? path : withIndex(path, index));
  }

  /** {@code api-out.log} → {@code api-out-2.log}; {@code api} → {@code api-2}; a leading dot is no extension. */
  static Path withIndex(Path path, int index) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String indexed = dot > 0 ? name.substring(0, dot) + "-" + index + name.substring(dot) : name + "-" + index;
    return path.resolveSibling(indexed);
  }
}
