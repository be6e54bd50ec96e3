package dev.jpm.engine.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

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
      return new ProcessList(ProcFile.open("/proc/loadavg"));
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

  /**
   * The pid of every process (thread-group leaders: threads are not listed), read with {@code getdents64} into
   * {@code buffer} (direct, a few KiB; overwritten): no string per entry, which listing {@code /proc} through
   * {@code File.list} made for each of the machine's processes.
   */
  public static long[] pids(ByteBuffer buffer) {
    int dir = LibC.open("/proc", LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
    if (dir < 0) return new long[0];
    long[] pids = new long[256];
    int count = 0;
    try {
      buffer.clear().order(ByteOrder.nativeOrder());
      for (long read; (read = LibC.getdents64(dir, buffer, buffer.capacity())) > 0; ) {
        // struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[] (NUL-terminated)
        for (int entry = 0; entry < read; entry += buffer.getShort(entry + 16) & 0xffff) {
          long pid = 0;
          for (int at = entry + 19; pid >= 0; at++) {
            byte b = buffer.get(at);
            if (b == 0) break;
            pid = isDigit(b) ? pid * 10 + (b - '0') : -1;
          }
          if (pid <= 0) continue;
          if (count == pids.length) pids = Arrays.copyOf(pids, count * 2);
          pids[count++] = pid;
        }
      }
    } finally {
      LibC.close(dir);
    }
    return Arrays.copyOf(pids, count);
  }

  @Override
  public void close() {
    if (loadavg != null) loadavg.close();
  }
}
