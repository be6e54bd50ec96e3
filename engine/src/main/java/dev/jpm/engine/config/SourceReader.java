package dev.jpm.engine.config;

import java.util.Optional;

/**
 * Turns the text of an ecosystem file into a {@link SourceTree}. A {@code .json} file, or text whose first
 * non-blank character is <code>{</code> or {@code [}, is read as strict JSON; everything else as YAML 1.2.
 */
final class SourceReader {

  private SourceReader() {}

  static Optional<SourceTree> read(ConfigSource source, Problems problems) {
    String text = stripByteOrderMark(source.content());
    if (text.isBlank()) {
      problems.error(Position.FILE, null, null, "the file is empty; it should list apps under 'apps:'");
      return Optional.empty();
    }
    return isJson(source, text) ? JsonSourceReader.read(text, problems) : YamlSourceReader.read(text, problems);
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
