package dev.jpm.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plain values as Node's {@code util.inspect} prints them, which is what {@code pm2 prettylist} and {@code pm2 id}
 * print: keys bare where they are identifiers, strings in single quotes, two spaces of indent per level, and a
 * list or object on one line when it fits ({@code [ 0, 1 ]}). Pure.
 */
public final class Inspected {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  /** util.inspect's breakLength. */
  private static final int WIDTH = 80;

  private Inspected() {}

  public static String of(Object value) {
    return of(value, 0);
  }

  private static String of(Object value, int indent) {
    return switch (value) {
      case null -> "null";
      case String text -> quote(text);
      case Map<?, ?> map -> map.isEmpty() ? "{}" : group("{", "}", entries(map, indent), indent);
      case List<?> list -> list.isEmpty() ? "[]" : group("[", "]", items(list, indent), indent);
      default -> String.valueOf(value);
    };
  }

  private static List<String> entries(Map<?, ?> map, int indent) {
    List<String> parts = new ArrayList<>();
    map.forEach((key, value) -> parts.add(key(String.valueOf(key)) + ": " + of(value, indent + 2)));
    return parts;
  }

  private static List<String> items(List<?> list, int indent) {
    List<String> parts = new ArrayList<>();
    list.forEach(item -> parts.add(of(item, indent + 2)));
    return parts;
  }

  /** On one line when no part spans lines and the whole fits; else one part per line. */
  private static String group(String open, String close, List<String> parts, int indent) {
    String line = open + " " + String.join(", ", parts) + " " + close;
    if (line.indexOf('\n') < 0 && indent + line.length() <= WIDTH) return line;
    String pad = " ".repeat(indent + 2);
    return open + "\n" + pad + String.join(",\n" + pad, parts) + "\n" + " ".repeat(indent) + close;
  }

  private static String key(String key) {
    return IDENTIFIER.matcher(key).matches() ? key : quote(key);
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('\'');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\'' -> quoted.append("\\'");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        case '\r' -> quoted.append("\\r");
        default -> {
          if (c < 0x20) quoted.append(String.format("\\x%02X", (int) c));
          else quoted.append(c);
        }
      }
    }
    return quoted.append('\'').toString();
  }
}
