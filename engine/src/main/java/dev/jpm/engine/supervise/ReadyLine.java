package dev.jpm.engine.supervise;

import dev.jpm.engine.logs.StreamConsumer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Watches one run's stdout for the app's {@code ready_pattern}, the way a program that is not Node says "ready"
 * (PM2's {@code wait_ready}). Scans complete lines (a line longer than 8 KiB is scanned in pieces) until the first
 * match, then only counts bytes. Runs on the pump's thread; never blocks.
 */
final class ReadyLine implements StreamConsumer {

  private static final int MAX_LINE = 8192;

  private final Pattern pattern;
  private final Runnable onMatch;
  private final byte[] line = new byte[MAX_LINE];
  private int length;
  private volatile boolean matched;

  ReadyLine(Pattern pattern, Runnable onMatch) {
    this.pattern = pattern;
    this.onMatch = onMatch;
  }

  /** The line was printed before this daemon watched (a process taken over from a previous daemon). */
  ReadyLine alreadyMatched() {
    matched = true;
    return this;
  }

  boolean matched() {
    return matched;
  }

  @Override
  public void write(byte[] bytes, int offset, int count) {
    if (matched) return;
    for (int i = offset; i < offset + count && !matched; i++) {
      byte b = bytes[i];
      if (b == '\n' || length == MAX_LINE) scan();
      if (b != '\n') line[length++] = b;
    }
  }

  @Override
  public void quiet() {
    // A ready line is normally followed by a newline; scanning a partial line here would match half a word.
  }

  @Override
  public void end() {
    if (!matched && length > 0) scan();
  }

  private void scan() {
    String text = new String(line, 0, length, StandardCharsets.UTF_8);
    length = 0;
    if (pattern.matcher(text).find()) {
      matched = true;
      onMatch.run();
    }
  }
}
