package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a thin client: it talks the protocol, finds its daemon through the home folder's layout, validates
 * files with the engine's config (whose output is model records) and turns them into other engines' files with the
 * pure {@code export} package, which needs no daemon. It never reaches into the daemon's machinery, so
 * that machinery can change, or move to a module of its own, without touching the CLI.
 */
class EngineDependencyTest {

  private static final Path MAIN = Path.of("src", "main", "java");

  /** Whole packages the CLI may use. */
  private static final Set<String> PACKAGES = Set.of("protocol", "home", "config", "model", "export");

  /**
   * Single classes outside those packages, each a read-only look at the machine that needs no daemon: whether the
   * daemon a verb ended has gone (zombies excluded), and the last lines of a log file the daemon named.
   */
  private static final Set<String> CLASSES = Set.of("os.Liveness", "logs.LogTail");

  /** A reference to an engine type in code, an import or a comment; not one inside a string (a class name to run). */
  private static final Pattern REFERENCE = Pattern.compile("(?<!\")dev\\.jpm\\.engine\\.(\\w+)\\.([A-Z]\\w*)");

  @Test
  void theCliUsesTheEngineOnlyForProtocolHomeConfigModelAndExport() throws IOException {
    List<String> references = engineReferences();
    assertThat(references).as("the scan finds the CLI's sources").anyMatch(ref -> ref.endsWith(" protocol.Request"));
    assertThat(references).as("engine types the CLI must not use")
        .filteredOn(ref -> !allowed(ref.substring(ref.lastIndexOf(' ') + 1))).isEmpty();
  }

  private static boolean allowed(String type) {
    return PACKAGES.contains(type.substring(0, type.indexOf('.'))) || CLASSES.contains(type);
  }

  /** "path: package.Type" for every engine type each main source names. */
  private static List<String> engineReferences() throws IOException {
    List<String> references = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(MAIN)) {
      for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
        Matcher reference = REFERENCE.matcher(Files.readString(source));
        while (reference.find()) references.add(source + ": " + reference.group(1) + "." + reference.group(2));
      }
    }
    return references;
  }
}
