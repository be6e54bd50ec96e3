package dev.jpm.engine.config;

import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the text of an ecosystem file into a {@link SourceTree}. A {@code .json} file, or text whose first
 * non-blank character is <code>{</code> or {@code [}, is read as strict JSON; everything else as YAML 1.2. Of a
 * {@code package.json}, only its {@code apps} are read.
 */
final class SourceReader {

  private SourceReader() {}

  static Optional<SourceTree> read(ConfigSource source, Problems problems) {
    String text = stripByteOrderMark(source.content());
    if (text.length() > SourceLimits.MAX_SIZE) {
      problems.error(Position.FILE, null, null, SourceLimits.tooLarge(text.length()));
      return Optional.empty();
    }
    if (text.isBlank()) {
      problems.error(Position.FILE, null, null, "the file is empty; it should list apps under 'apps:'");
      return Optional.empty();
    }
    Optional<SourceTree> tree =
        isJson(source, text) ? JsonSourceReader.read(text, problems) : YamlSourceReader.read(text, problems);
    return isPackageJson(source) ? tree.flatMap(read -> appsOfPackage(read, problems)) : tree;
  }

  private static boolean isPackageJson(ConfigSource source) {
    return source.file().getFileName().toString().equals("package.json");
  }

  /**
   * A {@code package.json} holds apps under {@code apps}, as PM2 reads it; its other keys (name, dependencies, ...)
   * are npm's and not checked. The marks stay: {@code /apps/...} points into the file as before.
   */
  private static Optional<SourceTree> appsOfPackage(SourceTree tree, Problems problems) {
    if (!(tree.root() instanceof ObjectNode object) || !object.has("apps")) {
      problems.error(Position.FILE, null, null, "this package.json has no 'apps' key, so it lists no apps for jpm;"
          + " add \"apps\": [{\"name\": ..., \"script\": ...}] to it (as PM2 reads it), or use ecosystem.yaml");
      return Optional.empty();
    }
    ObjectNode apps = JsonNodeFactory.instance.objectNode().set("apps", object.get("apps"));
    return Optional.of(tree.withRoot(apps));
  }

  private static boolean isJson(ConfigSource source, String text) {
    if (source.file().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) return true;
    char first = text.strip().charAt(0);
    return first == '{' || first == '[';
  }

  private static String stripByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
