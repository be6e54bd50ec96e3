package dev.jpm.engine.os;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The machine's processes, and a cheap sign that one was created: the last pid the kernel handed out in this pid
 * namespace, the last field of {@code /proc/loadavg}. While it stays put no process (nor thread) was created, so
 * nobody can have joined a tree a sampler already knows; listing {@code /proc} costs a few hundred microseconds,
 * reading that one field a few. Not thread-safe.
 */
public final class ProcessList implements AutoCloseable {

  private final ProcFile loadavg;

  private ProcessList(ProcFile loadavg) {
    this.loadavg = loadavg;
  }

  /** With {@code /proc/loadavg} open; without it {@link #lastCreated} is always unknown. */
  public static ProcessList open() {
    try {
      return new ProcessList(ProcFile.open(Path.of("/proc/loadavg")));
    } catch (IOException e) {
      return new ProcessList(null);
    }
  }

  /** The pid handed out last ("0.20 0.18 0.12 1/80 11206": 11206); -1 when unknown. Overwrites {@code buffer}. */
  public long lastCreated(ByteBuffer buffer) {
    if (loadavg == null || !loadavg.readInto(buffer)) return -1;
    int end = buffer.limit();
    while (end > 0 && !isDigit(buffer.get(end - 1))) end--; // the trailing newline
    int start = end;
    while (start > 0 && isDigit(buffer.get(start - 1))) start--;
    if (start == end || start == 0 || buffer.get(start - 1) != ' ') return -1;
    long pid = 0;
    for (int at = start; at < end; at++) pid = pid * 10 + (buffer.get(at) - '0');
    return pid;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** The pid of every process (thread-group leader: threads are not listed). */
  public static long[] pids() {
    String[] names = new File("/proc").list();
    if (names == null) return new long[0];
    long[] pids = new long[names.length];
    int count = 0;
    for (String name : names) {
      long pid = 0;
      for (int at = 0; at < name.length() && pid >= 0; at++) {
        char c = name.charAt(at);
        pid = c >= '0' && c <= '9' ? pid * 10 + (c - '0') : -1;
      }
      if (pid > 0) pids[count++] = pid;
    }
    return java.util.Arrays.copyOf(pids, count);
  }

  @Override
  public void close() {
    if (loadavg != null) loadavg.close();
  }
}
