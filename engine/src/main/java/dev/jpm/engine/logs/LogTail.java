package dev.jpm.engine.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, found by reading backwards from its end, so a large file costs a few blocks. */
public final class LogTail {

  private static final int BLOCK = 16 * 1024;

  private LogTail() {}

  /** The last {@code count} lines of {@code file} (without newlines); empty when it does not exist. */
  public static List<String> lastLines(Path file, int count) throws IOException {
    if (count <= 0 || !Files.isRegularFile(file)) return List.of();
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long end = in.length();
      long start = tailStart(in, end, count);
      byte[] tail = new byte[(int) (end - start)];
      in.seek(start);
      in.readFully(tail);
      String text = new String(tail, StandardCharsets.UTF_8);
      if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
      return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
  }

  /** Offset just after the newline that precedes the last {@code count} lines, or 0. */
  private static long tailStart(RandomAccessFile in, long end, int count) throws IOException {
    byte[] block = new byte[BLOCK];
    long position = end;
    int newlines = 0;
    while (position > 0) {
      int size = (int) Math.min(block.length, position);
      position -= size;
      in.seek(position);
      in.readFully(block, 0, size);
      for (int i = size - 1; i >= 0; i--) {
        if (block[i] != '\n' || position + i == end - 1) continue; // the final newline ends the last line
        if (++newlines == count) return position + i + 1;
      }
    }
    return 0;
  }
}
