package dev.jpm.cli.render;

import dev.jpm.engine.protocol.InstanceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code pm2 ls}'s boxed table, for the {@code pm2} command line: PM2's columns in PM2's order ({@code ↺} is the
 * restart count), PM2's units ({@code 40.1mb}, {@code 0%}). {@code version} is {@code N/A} (PM2 reads it from a
 * package.json) and {@code user} is the daemon's, which runs every app. PM2's {@code watching} column is left out:
 * a row does not carry it.
 */
final class Pm2Table {

  private static final List<String> HEADER =
      List.of("id", "name", "namespace", "version", "mode", "pid", "uptime", "↺", "status", "cpu", "mem", "user");

  private Pm2Table() {}

  static List<String> lines(List<InstanceView> rows, Style style) {
    List<List<String>> cells = new ArrayList<>();
    String user = System.getProperty("user.name");
    for (InstanceView row : rows) {
      cells.add(List.of(Integer.toString(row.pmId()), row.name(), row.namespace(), "N/A", row.mode(),
          Long.toString(row.pid()), Durations.compact(row.uptimeMs()), Integer.toString(row.restarts()),
          ProcessTable.status(row, style), row.cpuPercent() == null ? "0%" : Math.round(row.cpuPercent()) + "%",
          memory(row.memoryBytes()), user));
    }
    int[] widths = new int[HEADER.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = HEADER.get(c).length();
      for (List<String> row : cells) widths[c] = Math.max(widths[c], TextTable.visibleLength(row.get(c)));
    }
    List<String> lines = new ArrayList<>();
    lines.add(rule('┌', '┬', '┐', widths));
    lines.add(line(HEADER, widths, style, true));
    lines.add(rule('├', '┼', '┤', widths));
    cells.forEach(row -> lines.add(line(row, widths, style, false)));
    lines.add(rule('└', '┴', '┘', widths));
    return lines;
  }

  /** PM2's memory unit: one decimal, lower-case {@code b}, {@code kb}, {@code mb}, {@code gb}. */
  static String memory(Long bytes) {
    if (bytes == null) return "0b";
    String[] units = {"b", "kb", "mb", "gb"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + "b" : String.format(Locale.ROOT, "%.1f%s", value, units[unit]);
  }

  private static String rule(char left, char middle, char right, int[] widths) {
    StringBuilder line = new StringBuilder().append(left);
    for (int c = 0; c < widths.length; c++) {
      line.append("─".repeat(widths[c] + 2)).append(c < widths.length - 1 ? middle : right);
    }
    return line.toString();
  }

  private static String line(List<String> cells, int[] widths, Style style, boolean header) {
    StringBuilder line = new StringBuilder("│");
    for (int c = 0; c < cells.size(); c++) {
      String cell = header ? style.bold(cells.get(c)) : cells.get(c);
      line.append(' ').append(cell).append(" ".repeat(widths[c] - TextTable.visibleLength(cells.get(c)) + 1)).append('│');
    }
    return line.toString();
  }
}
