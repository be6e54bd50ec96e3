package dev.jpm.engine.export;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** How values are written in systemd unit files: quoting, command lines and unit names. */
public final class SystemdSyntax {

  private SystemdSyntax() {}

  /**
   * systemd's quoting: {@code %} doubled (it starts a specifier), and a word with spaces, quotes or backslashes in
   * double quotes, with those escaped.
   */
  public static String quote(String value) {
    String word = value.replace("%", "%%");
    if (word.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\\' || c == '\'' || c == '\t')) return word;
    return '"' + word.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** An argv as {@code ExecStart=} reads it: each word quoted, and {@code $} doubled (it expands variables there). */
  static String commandLine(List<String> argv) {
    return argv.stream().map(word -> quote(word.replace("$", "$$"))).collect(Collectors.joining(" "));
  }

  /**
   * A string as a part of a unit name, as {@code systemd-escape} writes it: letters, digits, {@code :_.-} stay, a
   * leading dot and every other byte become {@code \xNN}.
   */
  static String unitNamePart(String text) {
    StringBuilder escaped = new StringBuilder();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean plain = Character.isLetterOrDigit(b) && b < 0x80 || b == ':' || b == '_' || b == '-'
          || b == '.' && i > 0;
      escaped.append(plain ? String.valueOf((char) b) : String.format("\\x%02x", b));
    }
    return escaped.toString();
  }
}
