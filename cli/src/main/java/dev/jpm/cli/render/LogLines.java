package dev.jpm.cli.render;

import dev.jpm.engine.protocol.LogEntry;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * The lines of {@code jpm logs}: {@code name#i | text} ({@code name | text} for a merged file) with the prefix coloured by stream (on a terminal), daemon
 * events marked, or one JSON object per line.
 */
public final class LogLines {

  private final PrintWriter out;
  private final Style style;
  private final boolean json;
  private final boolean timestamp;

  public LogLines(PrintWriter out, Style style, boolean json, boolean timestamp) {
    this.out = out;
    this.style = style;
    this.json = json;
    this.timestamp = timestamp;
  }

  /** Prints a batch; false once the output is gone (a closed pipe), so the caller stops quietly. */
  public boolean print(Response.LogBatch batch) {
    if (batch.missed() > 0)
      out.println(style.yellow("[jpm] " + batch.missed() + " lines missed: this terminal could not keep up"));
    // One write per batch: a tail of 5,000 lines printed line by line spends more in the writer than in the lines.
    StringBuilder lines = new StringBuilder();
    for (LogEntry entry : batch.lines()) lines.append(json ? json(entry) : text(entry)).append(System.lineSeparator());
    out.print(lines);
    out.flush();
    return !out.checkError();
  }

  String text(LogEntry entry) {
    String prefix = (entry.instance() == LogEntry.SHARED ? entry.app() : entry.app() + "#" + entry.instance()) + " |";
    String painted = switch (entry.stream()) {
      case "err" -> style.red(prefix);
      case "event" -> style.yellow(prefix);
      default -> style.cyan(prefix);
    };
    String time = timestamp && entry.timeMs() > 0 ? style.dim(Instant.ofEpochMilli(entry.timeMs()).toString()) + " " : "";
    String text = entry.stream().equals("event") ? style.yellow("[jpm] " + entry.text()) : entry.text();
    return painted + " " + time + text;
  }

  private static String json(LogEntry entry) {
    return Wire.CODEC.toJson(entry);
  }
}
