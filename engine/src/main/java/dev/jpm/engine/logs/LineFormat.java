package dev.jpm.engine.logs;

import dev.jpm.engine.model.LogDateFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How one line is written when an option asks for per-line work: PM2's {@code log_date_format}/{@code time}
 * prefix ({@code <date>: <line>}), or {@code log_type: json} (one object per line with PM2's field names
 * {@code message}, {@code timestamp}, {@code type}, {@code process_id}, {@code app_name}). One per stream, used by
 * one thread at a time; the formatted date is reused within the same millisecond.
 */
final class LineFormat {

  private final DateTimeFormatter date;
  private final boolean json;
  private final byte[] jsonTail;
  private long lastMs = Long.MIN_VALUE;
  private byte[] lastDate;

  private LineFormat(DateTimeFormatter date, boolean json, byte[] jsonTail) {
    this.date = date;
    this.json = json;
    this.jsonTail = jsonTail;
  }

  /** The format for these options, or null when lines are written as they come (the fast path). */
  static LineFormat of(LogDateFormat dateFormat, boolean json, String app, int instance, LogLine.Stream stream,
      ZoneId zone) {
    if (dateFormat == null && !json) return null;
    DateTimeFormatter date = dateFormat == null ? DateTimeFormatter.ISO_INSTANT : dateFormat.in(zone);
    String tail = "\",\"type\":\"" + stream.word() + "\",\"process_id\":" + instance + ",\"app_name\":\""
        + escape(app) + "\"}\n";
    return new LineFormat(date, json, tail.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends the formatted form of {@code line} (without its newline) to {@code into}. */
  void append(Output into, long nowMs, byte[] line, int offset, int length) {
    byte[] stamp = date(nowMs);
    if (!json) {
      into.append(stamp, 0, stamp.length);
      into.append(COLON_SPACE, 0, 2);
      into.append(line, offset, length);
      into.append(NEWLINE, 0, 1);
      return;
    }
    into.append(JSON_HEAD, 0, JSON_HEAD.length);
    appendEscaped(into, line, offset, length);
    into.append(JSON_TIMESTAMP, 0, JSON_TIMESTAMP.length);
    into.append(stamp, 0, stamp.length);
    into.append(jsonTail, 0, jsonTail.length);
  }

  /** Where formatted bytes go. */
  interface Output {
    void append(byte[] bytes, int offset, int length);
  }

  private static final byte[] COLON_SPACE = ": ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] JSON_HEAD = "{\"message\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] JSON_TIMESTAMP = "\",\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] date(long nowMs) {
    if (nowMs != lastMs) {
      lastDate = date.format(Instant.ofEpochMilli(nowMs)).getBytes(StandardCharsets.UTF_8);
      lastMs = nowMs;
    }
    return lastDate;
  }

  /** JSON string escaping on UTF-8 bytes: multi-byte sequences never contain a byte that needs escaping. */
  private static void appendEscaped(Output into, byte[] line, int offset, int length) {
    int run = offset;
    for (int i = offset, end = offset + length; i < end; i++) {
      byte b = line[i];
      if (b != '"' && b != '\\' && (b & 0xff) >= 0x20) continue;
      into.append(line, run, i - run);
      byte[] escaped = switch (b) {
        case '"' -> new byte[] {'\\', '"'};
        case '\\' -> new byte[] {'\\', '\\'};
        case '\t' -> new byte[] {'\\', 't'};
        case '\r' -> new byte[] {'\\', 'r'};
        default -> new byte[] {'\\', 'u', '0', '0', HEX[(b >> 4) & 0xf], HEX[b & 0xf]};
      };
      into.append(escaped, 0, escaped.length);
      run = i + 1;
    }
    into.append(line, run, offset + length - run);
  }

  private static String escape(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    appendEscaped((b, off, len) -> out.append(new String(b, off, len, StandardCharsets.UTF_8)), bytes, 0, bytes.length);
    return out.toString();
  }
}
