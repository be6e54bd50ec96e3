package dev.jpm.engine.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * An ecosystem file as the caller read it.
 *
 * @param file absolute path of the file: named in messages, and relative paths resolve against its folder
 * @param content the file's text
 * @param profile the {@code --env} profile, or null
 * @param variables the shell values that {@code ${VAR}} references may use (the CLI sends only those the file names)
 * @param located whether lines and columns of {@code content} are the file's: false for the JSON that evaluating a
 *     JavaScript file printed ({@link JavaScriptEcosystem}), whose problems then name the app and key only
 */
public record ConfigSource(Path file, String content, String profile, Map<String, String> variables,
    boolean located) {

  /** A file whose text is its content (YAML or JSON). */
  public ConfigSource(Path file, String content, String profile, Map<String, String> variables) {
    this(file, content, profile, variables, true);
  }

  public ConfigSource {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(content, "content");
    if (!file.isAbsolute()) throw new IllegalArgumentException("file must be absolute, got " + file);
    variables = variables == null ? Map.of() : Map.copyOf(variables);
  }
}
