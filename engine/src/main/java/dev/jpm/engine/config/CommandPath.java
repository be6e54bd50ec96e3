package dev.jpm.engine.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The commands on PATH, each name looked up once per read of a file: 300 apps that run {@code bash} walked PATH 300
 * times, ~20 ms of a 300-app {@code jpm apply}. A new read looks again, so a command installed since is found.
 */
final class CommandPath {

  private final UnaryOperator<String> environment;
  private final Map<String, Boolean> found = new HashMap<>();

  /** @param environment the daemon's environment, whose PATH is searched */
  CommandPath(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  /** Whether an executable file named {@code command} is in one of PATH's folders. */
  boolean has(String command) {
    return found.computeIfAbsent(command, this::search);
  }

  private boolean search(String command) {
    String path = environment.apply("PATH");
    if (path == null) return false;
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }
}
