package dev.jpm.engine.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW_7_BITS = 0x7F7F7F7F7F7F7F7FL;
  private static final long LANE_ONES = 0x0101010101010101L;

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

  /**
   * Newlines in a range: the per-byte cost of counting lines, without looking at what the lines say. This runs on
   * the event loop for every byte every app writes, and the daemon's JIT (C1 only) leaves a byte loop at ~0.8 ns a
   * byte, slower than a fast writer fills its pipe: the app then waits for the loop. Eight bytes at a time, each
   * newline byte turned into a 1 in its byte lane (no carry crosses lanes), and the lanes summed every 255 words
   * before any can overflow, it is ~4x faster.
   */
  static int newlines(byte[] bytes, int offset, int length) {
    int count = 0;
    int i = offset;
    int end = offset + length;
    while (end - i >= Long.BYTES) {
      long lanes = 0;
      for (int words = 0; words < 255 && end - i >= Long.BYTES; words++, i += Long.BYTES) {
        long x = (long) LONGS.get(bytes, i) ^ NEWLINES; // a newline byte is now 0
        long nonZeroLow7 = (x & LOW_7_BITS) + LOW_7_BITS; // top bit set where the low 7 bits are not all 0
        lanes += (~(nonZeroLow7 | x) >>> 7) & LANE_ONES; // 1 where the byte was 0
      }
      long pairs = (lanes & 0x00FF00FF00FF00FFL) + ((lanes >>> 8) & 0x00FF00FF00FF00FFL);
      count += (int) ((pairs * 0x0001000100010001L) >>> 48);
    }
    for (; i < end; i++) if (bytes[i] == '\n') count++;
    return count;
  }
}
