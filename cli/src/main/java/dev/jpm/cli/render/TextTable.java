package dev.jpm.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain aligned table that fits an 80-column terminal. Cells may carry ANSI colour; widths count only the
 * visible characters.
 */
public final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... header) {
    this.header = List.of(header);
  }

  public TextTable row(String... cells) {
    if (cells.length != header.size())
      throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
    rows.add(List.of(cells));
    return this;
  }

  public List<String> lines(Style style) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) widths[c] = Math.max(widths[c], visibleLength(row.get(c)));
    }
    List<String> lines = new ArrayList<>();
    lines.add(style.bold(format(header, widths)));
    rows.forEach(row -> lines.add(format(row, widths)));
    return lines;
  }

  private static String format(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      line.append(cell);
      if (c < cells.size() - 1) line.append(" ".repeat(widths[c] - visibleLength(cell) + 2));
    }
    return line.toString().stripTrailing();
  }

  /** The length without ANSI colour sequences ({@code ESC [ digits-and-semicolons m}). */
  static int visibleLength(String text) {
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\u001b' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
        int end = i + 2;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == ';')) end++;
        if (end < text.length() && text.charAt(end) == 'm') {
          i = end;
          continue;
        }
      }
      length++;
    }
    return length;
  }
}
