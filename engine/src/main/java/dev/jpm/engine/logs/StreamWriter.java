package dev.jpm.engine.logs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One stream (stdout or stderr) of one run into its files. Chunks are cut at their last newline: whole lines go
 * to a buffer that is written to every file when full or when the pipe goes quiet, the rest waits for its
 * newline. With no option needing it (no date, no JSON, nobody following), a chunk costs a newline count and a
 * copy: nothing is done per line. Bounded: the buffer is {@link #BUFFER} bytes, a line waiting for its end at
 * most {@link #MAX_LINE} (a longer one is cut there).
 */
final class StreamWriter implements StreamConsumer, LineFormat.Output {

  static final int BUFFER = 32 * 1024;
  static final int MAX_LINE = 64 * 1024;

  private final String app;
  private final int instance;
  private final LogLine.Stream stream;
  private final List<LogFile> files;
  private final LineFormat format;
  private final LogStats stats;
  private final LogBus bus;
  private final Clock clock;
  private final Consumer<LogFile> release;

  private byte[] pending;
  private int pendingLength;
  private long pendingLines;
  private long pendingAppBytes;
  private byte[] carry = new byte[0];
  private int carryLength;

  StreamWriter(String app, int instance, LogLine.Stream stream, List<LogFile> files, LineFormat format,
      LogStats stats, LogBus bus, Clock clock, Consumer<LogFile> release) {
    this.app = app;
    this.instance = instance;
    this.stream = stream;
    this.files = List.copyOf(files);
    this.format = format;
    this.stats = stats;
    this.bus = bus;
    this.clock = clock;
    this.release = release;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    int lastNewline = lastNewline(bytes, offset, length);
    if (lastNewline < 0) {
      keep(bytes, offset, length);
      return;
    }
    int start = offset;
    if (carryLength > 0) {
      int firstNewline = firstNewline(bytes, offset, lastNewline);
      keep(bytes, offset, firstNewline + 1 - offset);
      if (carryLength > 0) lines(carry, 0, carryLength);
      carryLength = 0;
      start = firstNewline + 1;
    }
    if (lastNewline >= start) lines(bytes, start, lastNewline + 1 - start);
    keep(bytes, lastNewline + 1, offset + length - lastNewline - 1);
  }

  @Override
  public void quiet() {
    // A lone writer of raw lines may show a partial line (a prompt) now; shared files and formats wait for its end.
    if (carryLength > 0 && format == null && !anyShared()) {
      pendingAppBytes += carryLength;
      append(carry, 0, carryLength);
      carryLength = 0;
    }
    flush();
  }

  @Override
  public void end() {
    if (carryLength > 0) {
      if (format == null && !anyShared()) {
        pendingAppBytes += carryLength;
        append(carry, 0, carryLength);
      } else {
        carry = Arrays.copyOf(carry, carryLength + 1);
        carry[carryLength++] = '\n';
        lines(carry, 0, carryLength);
      }
      carryLength = 0;
    }
    flush();
    files.forEach(release);
  }

  /** Whole lines, each ending with a newline. */
  private void lines(byte[] bytes, int offset, int length) {
    boolean publish = bus.wants(app);
    if (format == null && !publish) {
      append(bytes, offset, length);
      counted(bytes, offset, length);
      return;
    }
    long now = clock.millis();
    int start = offset;
    for (int i = offset, end = offset + length; i < end; i++) {
      if (bytes[i] != '\n') continue;
      if (format != null) format.append(this, now, bytes, start, i - start);
      if (publish)
        bus.publish(new LogLine(app, instance, stream, new String(bytes, start, i - start, StandardCharsets.UTF_8), now));
      start = i + 1;
    }
    if (format == null) append(bytes, offset, length);
    counted(bytes, offset, length);
  }

  /** Counted with the next write of the buffer, which carries them (or already carried them). */
  private void counted(byte[] bytes, int offset, int length) {
    pendingLines += LogStats.newlines(bytes, offset, length);
    pendingAppBytes += length;
  }

  /**
   * Formatted or raw bytes for the files; written out when the buffer fills. Always through the buffer, even a
   * chunk larger than it: the lines of a chunk are counted after it is appended and reach the stats with the
   * buffer's next write, so a chunk written around the buffer would leave its lines uncounted if nothing followed
   * (the event loop reads 64 KiB at a time).
   */
  @Override
  public void append(byte[] bytes, int offset, int length) {
    if (pending == null) pending = new byte[BUFFER];
    while (length > 0) {
      if (pendingLength == BUFFER) flush();
      int taken = Math.min(BUFFER - pendingLength, length);
      System.arraycopy(bytes, offset, pending, pendingLength, taken);
      pendingLength += taken;
      offset += taken;
      length -= taken;
    }
  }

  private void flush() {
    if (pendingLength > 0) writeOut(pending, 0, pendingLength);
    pendingLength = 0;
  }

  /** Writes to every file; the lines and bytes since the last write are counted as written or as dropped. */
  private void writeOut(byte[] bytes, int offset, int length) {
    boolean ok = true;
    for (LogFile file : files) ok &= file.write(bytes, offset, length);
    if (ok) stats.written(pendingLines, pendingAppBytes);
    else stats.dropped(pendingLines, pendingAppBytes);
    pendingLines = 0;
    pendingAppBytes = 0;
  }

  /** Keeps the start of a line until its newline comes; a line longer than {@link #MAX_LINE} is cut. */
  private void keep(byte[] bytes, int offset, int length) {
    while (length > 0) {
      int room = MAX_LINE - carryLength;
      int taken = Math.min(room, length);
      if (carry.length < carryLength + taken)
        carry = Arrays.copyOf(carry, Math.min(MAX_LINE + 1, Math.max(carryLength + taken + 1, carry.length * 2)));
      System.arraycopy(bytes, offset, carry, carryLength, taken);
      carryLength += taken;
      offset += taken;
      length -= taken;
      if (carryLength == MAX_LINE) {
        carry[carryLength++] = '\n';
        lines(carry, 0, carryLength);
        carryLength = 0;
      }
    }
  }

  private boolean anyShared() {
    for (LogFile file : files) if (file.shared()) return true;
    return false;
  }

  private static int lastNewline(byte[] bytes, int offset, int length) {
    for (int i = offset + length - 1; i >= offset; i--) if (bytes[i] == '\n') return i;
    return -1;
  }

  private static int firstNewline(byte[] bytes, int offset, int limit) {
    for (int i = offset; i <= limit; i++) if (bytes[i] == '\n') return i;
    return limit;
  }
}
