package dev.jpm.engine.config;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Path spellings of ecosystem files: {@code ~} for the home directory, and relative paths against a base. */
final class PathSpelling {

  private PathSpelling() {}

  static String expandHome(String path, UnaryOperator<String> environment) {
    if (!path.equals("~") && !path.startsWith("~/")) return path;
    String home = environment.apply("HOME");
    return home == null ? path : home + path.substring(1);
  }

  static Path absolute(Path base, String path, UnaryOperator<String> environment) {
    return base.resolve(expandHome(path, environment)).toAbsolutePath().normalize();
  }
}
