package dev.jpm.cli.render;

import dev.jpm.engine.protocol.LogEntry;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;

/**
 * The lines of {@code jpm logs}: {@code name#i | text} ({@code name | text} for a merged file) with the prefix coloured by stream (on a terminal), daemon
 * events marked, or one JSON object per line; or PM2's {@code --raw} (the text alone) and {@code --format}
 * ({@code app=NAME id=PM_ID type=out|error message=TEXT}), both without the daemon's events, as PM2 leaves its own.
 */
public final class LogLines {

  /** How each line is written. */
  public enum Shape {
    PREFIXED,
    JSON,
    RAW,
    PM2_FORMAT
  }

  private final PrintWriter out;
  private final Style style;
  private final Shape shape;
  private final boolean timestamp;
  private final Map<String, Integer> pmIds;

  /** {@code pmIds}: the pm_id of each instance by {@code NAME#INDEX}, for {@link Shape#PM2_FORMAT}. */
  public LogLines(PrintWriter out, Style style, Shape shape, boolean timestamp, Map<String, Integer> pmIds) {
    this.out = out;
    this.style = style;
    this.shape = shape;
    this.timestamp = timestamp;
    this.pmIds = Map.copyOf(pmIds);
  }

  /** Prints a batch; false once the output is gone (a closed pipe), so the caller stops quietly. */
  public boolean print(Response.LogBatch batch) {
    if (batch.missed() > 0)
      out.println(style.yellow("[jpm] " + batch.missed() + " lines missed: this terminal could not keep up"));
    // One write per batch: a tail of 5,000 lines printed line by line spends more in the writer than in the lines.
    StringBuilder lines = new StringBuilder();
    for (LogEntry entry : batch.lines()) {
      String line = switch (shape) {
        case PREFIXED -> text(entry);
        case JSON -> json(entry);
        case RAW -> entry.stream().equals("event") ? null : entry.text();
        case PM2_FORMAT -> entry.stream().equals("event") ? null : formatted(entry);
      };
      if (line != null) lines.append(line).append(System.lineSeparator());
    }
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

  /** PM2's {@code logs --format}: {@code [timestamp=T ]app=NAME id=PM_ID type=out|error message=TEXT}. */
  String formatted(LogEntry entry) {
    String time = timestamp && entry.timeMs() > 0 ? "timestamp=" + Instant.ofEpochMilli(entry.timeMs()) + " " : "";
    String instance = entry.instance() == LogEntry.SHARED ? entry.app() : entry.app() + "#" + entry.instance();
    Integer pmId = pmIds.get(instance);
    String id = pmId != null ? pmId.toString() : instance; // a merged file's line belongs to no one instance
    String type = entry.stream().equals("err") ? "error" : "out";
    return time + "app=" + entry.app() + " id=" + id + " type=" + type + " message=" + entry.text();
  }

  private static String json(LogEntry entry) {
    return Wire.CODEC.toJson(entry);
  }
}
