package dev.jpm.engine.logs;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the log writers of one instance did since the daemon started, across its restarts: lines and bytes that
 * reached the files, and lines and bytes lost because a file could not be written (disk full, permission).
 * Written by the stream writers, read by anyone (views, metrics) without locking.
 */
public final class LogStats {

  /** A consistent-enough reading of the counters (each is exact; they are read one after the other). */
  public record Counts(long lines, long bytes, long droppedLines, long droppedBytes) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0);
  }

  private final LongAdder lines = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder droppedLines = new LongAdder();
  private final LongAdder droppedBytes = new LongAdder();

  /** The counters now. */
  public Counts counts() {
    return new Counts(lines.sum(), bytes.sum(), droppedLines.sum(), droppedBytes.sum());
  }

  void written(long lineCount, long byteCount) {
    lines.add(lineCount);
    bytes.add(byteCount);
  }

  void dropped(long lineCount, long byteCount) {
    droppedLines.add(lineCount);
    droppedBytes.add(byteCount);
  }

  /** Newlines in a range: the per-byte cost of counting lines, without looking at what the lines say. */
  static int newlines(byte[] bytes, int offset, int length) {
    int count = 0;
    for (int i = offset, end = offset + length; i < end; i++) if (bytes[i] == '\n') count++;
    return count;
  }
}
