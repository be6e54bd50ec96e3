package dev.jpm.cli.render;

import dev.jpm.engine.protocol.InstanceView;
import java.util.ArrayList;
import java.util.List;

/**
 * One screen of {@code jpm monit}, as a pure function of what it shows and the terminal's size: exactly {@code
 * height} lines, none wider than {@code width}, so the terminal never scrolls or wraps (an 80×24 SSH session
 * included). Top to bottom: a title with the keys, the instances (scrolled so the selected one is visible), the
 * selected instance's details, then the last lines of its logs.
 */
public final class MonitFrame {

  /** Below this the frame still renders, but only the title and what fits. */
  public static final int MIN_WIDTH = 20;

  /**
   * What one frame shows.
   *
   * @param rows every instance, as {@code ls} lists them
   * @param selected index into {@code rows} of the selected instance (clamped)
   * @param logTail the last lines of the selected instance's logs, oldest first
   */
  public record View(List<InstanceView> rows, int selected, List<String> logTail) {}

  private MonitFrame() {}

  public static List<String> render(View view, int width, int height, Style style) {
    width = Math.max(width, MIN_WIDTH);
    List<String> lines = new ArrayList<>();
    List<InstanceView> rows = view.rows();
    int selected = rows.isEmpty() ? -1 : Math.clamp(view.selected(), 0, rows.size() - 1);
    lines.add(style.bold(fit("jpm monit  " + rows.size() + " instance" + (rows.size() == 1 ? "" : "s")
        + "   up/down j/k: select   q: quit", width)));
    int listHeight = Math.max(1, Math.min(Math.max(rows.size(), 1), (height - 2) / 2 - 1));
    lines.add(style.bold(fit(tableLine(" ", "id", "status", "cpu", "mem", "restarts", "uptime"), width)));
    int first = Math.clamp(selected - listHeight + 1, 0, Math.max(0, rows.size() - listHeight));
    for (int i = first; i < first + listHeight; i++) {
      if (i >= rows.size()) {
        lines.add(i == 0 ? fit("  no apps (jpm apply FILE starts some)", width) : "");
        continue;
      }
      InstanceView row = rows.get(i);
      String line = fit(tableLine(i == selected ? ">" : " ", row.id(), row.status(), Usage.cpu(row.cpuPercent()),
          Usage.memory(row.memoryBytes()), Integer.toString(row.restarts()), Durations.compact(row.uptimeMs())), width);
      lines.add(i == selected && style.colour() ? style.reverse(pad(line, width)) : line);
    }
    if (selected >= 0) details(lines, rows.get(selected), width, style);
    int logLines = height - lines.size() - 1;
    if (logLines > 0) {
      lines.add(style.dim(rule(" logs ", width)));
      List<String> tail = view.logTail();
      for (String log : tail.subList(Math.max(0, tail.size() - logLines), tail.size())) lines.add(fit(log, width));
    }
    while (lines.size() < height) lines.add("");
    return List.copyOf(lines.subList(0, Math.max(0, height)));
  }

  private static void details(List<String> lines, InstanceView row, int width, Style style) {
    lines.add(style.dim(rule(" " + row.id() + " ", width)));
    StringBuilder facts = new StringBuilder("pid " + (row.pid() > 0 ? row.pid() : "-") + "  " + row.status()
        + "  mode " + row.mode() + "  unstable " + row.unstableRestarts());
    if (row.lastExitCode() != null) facts.append("  last exit ").append(row.lastExitCode());
    if (row.lastSignal() != null) facts.append("  last signal SIG").append(row.lastSignal());
    lines.add(fit(facts.toString(), width));
    lines.add(fit(row.reason() != null ? "reason: " + row.reason() : "out: " + row.outLog(), width));
    lines.add(fit("err: " + row.errLog(), width));
  }

  private static String tableLine(String mark, String id, String status, String cpu, String mem, String restarts,
      String uptime) {
    return String.format("%s %-22s %-10s %6s %7s %8s %7s", mark, id, status, cpu, mem, restarts, uptime);
  }

  private static String rule(String title, int width) {
    return fit("--" + title + "-".repeat(Math.max(0, width)), width);
  }

  /** Cut to {@code width} characters; control characters (an app's own colours, tabs) become spaces. */
  static String fit(String text, int width) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), width));
    for (int i = 0; i < text.length() && out.length() < width; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return out.toString().stripTrailing();
  }

  private static String pad(String line, int width) {
    return line + " ".repeat(Math.max(0, width - line.length()));
  }
}
