package dev.jpm.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints the tails of log files and then follows them by polling their size. (A live stream from the daemon
 * replaces the polling with the logs work; the output format stays.)
 */
final class LogFollower {

  record Source(Path file, String prefix) {}

  private static final long POLL_NANOS = 200_000_000L;

  private final List<Source> sources;
  private final PrintWriter out;
  private final Map<Path, Long> offsets = new HashMap<>();

  LogFollower(List<Source> sources, PrintWriter out) {
    this.sources = sources;
    this.out = out;
  }

  void printTail(int lines) throws IOException {
    for (Source source : sources) {
      if (!Files.exists(source.file())) {
        offsets.put(source.file(), 0L);
        continue;
      }
      for (String line : lastLines(source.file(), lines)) out.println(source.prefix() + line);
      offsets.put(source.file(), Files.size(source.file()));
    }
    out.flush();
  }

  /** Follows until the process is interrupted (Ctrl-C) or the output is closed. */
  void follow() throws IOException {
    while (!out.checkError()) {
      for (Source source : sources) printNew(source);
      out.flush();
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private void printNew(Source source) throws IOException {
    Path file = source.file();
    if (!Files.exists(file)) return;
    long size = Files.size(file);
    long from = offsets.getOrDefault(file, 0L);
    if (size < from) from = 0; // truncated or flushed: start again from the top
    if (size == from) return;
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(from);
      byte[] bytes = new byte[(int) Math.min(size - from, 1 << 20)];
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int lastNewline = text.lastIndexOf('\n');
      if (lastNewline < 0) return; // wait for the line to complete
      for (String line : text.substring(0, lastNewline).split("\n", -1)) out.println(source.prefix() + line);
      offsets.put(file, from + text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length);
    }
  }

  /** The last {@code count} lines, found by scanning backwards from the end so a large file costs little. */
  static List<String> lastLines(Path file, int count) throws IOException {
    if (count <= 0) return List.of();
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
    byte[] block = new byte[8192];
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
