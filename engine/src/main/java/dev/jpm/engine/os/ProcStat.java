package dev.jpm.engine.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What {@code /proc/PID/stat} says of a process: its state letter, and when it started. The start (epoch ms) is
 * computed exactly as the JDK computes {@code ProcessHandle.Info#startInstant} (boot time from {@code /proc/stat}
 * plus the start tick), without the rest of {@code Info}: that also reads the command line and looks the owner's
 * name up through NSS ({@code getpwuid}), which a launch paid twice and which on a host with a directory service
 * may wait on the network. The line is parsed from its bytes in one pass ({@link #parse}), which the metrics
 * sampler also runs on each process a listing finds new, for its parent: no strings, no exceptions (OSHI's driver
 * throws and catches a {@code NumberFormatException} per line, decision 0034). Linux only.
 */
public final class ProcStat {

  /**
   * The machine's clock and page figures, read on first use: {@link #state} needs none of them, and the page size and
   * tick rate come through libc (JNA), whose first binding costs a CLI that only waits for a daemon to be gone
   * ({@code jpm kill}, through {@link Liveness}) ~250 ms: JNA runs {@code ldconfig -p} to find its search path.
   */
  private static final class Machine {
    static final long BOOT_MS = bootMs();
    static final long TICKS_PER_SECOND = ticksPerSecond();
    static final long PAGE_BYTES = pageBytes();
  }

  /**
   * What one {@code stat} line says of a process.
   *
   * @param state its state letter ('R', 'S', 'Z'...)
   * @param parentPid its parent (field 4)
   * @param startMs when it started (epoch ms), so a recycled pid is not taken for the process it replaced
   * @param cpuMs CPU time used so far, user + system (fields 14 and 15)
   * @param rssBytes resident memory (field 24)
   */
  public record Fields(char state, long parentPid, long startMs, long cpuMs, long rssBytes) {}

  private ProcStat() {}

  /** When {@code pid} started; empty when it does not exist (or /proc cannot tell). */
  public static OptionalLong startMs(long pid) {
    if (pid <= 0 || Machine.BOOT_MS <= 0) return OptionalLong.empty();
    try {
      Fields fields = parse(read(pid));
      return fields == null ? OptionalLong.empty() : OptionalLong.of(fields.startMs());
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The state letter of {@code pid} ('R', 'S', 'T', 'Z'...); 'Z' too when the pid is gone, '?' when /proc cannot
   * be read.
   */
  public static char state(long pid) {
    try {
      ByteBuffer line = read(pid);
      int at = nameEnd(line);
      return at < 0 ? '?' : (char) line.get(at + 2);
    } catch (NoSuchFileException e) {
      return 'Z';
    } catch (IOException e) {
      return '?';
    }
  }

  /** The parent of {@code pid} (field 4); 0 when it is gone or /proc cannot tell. */
  public static long parent(long pid) {
    try {
      Fields fields = parse(read(pid));
      return fields == null ? 0 : fields.parentPid();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The start in a {@code stat} line: field 22, clock ticks after boot. */
  static OptionalLong startMsIn(String stat) {
    Fields fields = parse(ByteBuffer.wrap(stat.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    return fields == null ? OptionalLong.empty() : OptionalLong.of(fields.startMs());
  }

  /**
   * The fields of the {@code stat} line between the buffer's position and limit; null when it is cut short (fewer
   * than 24 fields) or has no name. Fields are counted after the name's last ')', since a name may hold spaces and
   * ')'. Reads the buffer by index: its position and limit are left as they were.
   */
  public static Fields parse(ByteBuffer line) {
    int end = line.limit();
    int at = nameEnd(line);
    if (at < 0) return null;
    char state = (char) line.get(at + 2);
    at += 3; // the space before field 4
    long parent = 0, userTicks = 0, systemTicks = 0, startTicks = 0, rssPages = 0;
    int field = 3;
    while (field < 24 && at < end) {
      at++; // the separating space
      field++;
      if (at < end && line.get(at) == '-') at++; // priority and nice may be negative; none of ours is
      long value = 0;
      for (byte b; at < end && (b = line.get(at)) >= '0' && b <= '9'; at++) value = value * 10 + (b - '0');
      switch (field) {
        case 4 -> parent = value;
        case 14 -> userTicks = value;
        case 15 -> systemTicks = value;
        case 22 -> startTicks = value;
        case 24 -> rssPages = value;
        default -> { }
      }
    }
    if (field < 24) return null;
    return new Fields(state, parent, Machine.BOOT_MS + startTicks * 1000 / Machine.TICKS_PER_SECOND,
        (userTicks + systemTicks) * 1000 / Machine.TICKS_PER_SECOND, rssPages * Machine.PAGE_BYTES);
  }

  /** Where the name's last ')' is, when the state letter follows it; -1 for a line cut short or without a name. */
  private static int nameEnd(ByteBuffer line) {
    int at = line.limit() - 1;
    while (at >= line.position() && line.get(at) != ')') at--;
    return at < line.position() || at + 2 >= line.limit() ? -1 : at;
  }

  /**
   * The CPU time a thread has had, in nanoseconds, from its {@code /proc/PID/schedstat} ("runtime waittime
   * count"): it grows whenever the thread runs, also while it stays on a CPU (the count of times it was put on one
   * does not); -1 when the buffer does not start with a number. For a process with one thread: while this stays
   * put, it cannot have forked, changed its memory or used CPU.
   */
  public static long runtimeNs(ByteBuffer schedstat) {
    int at = schedstat.position();
    int end = schedstat.limit();
    long ns = 0;
    for (byte b; at < end && (b = schedstat.get(at)) >= '0' && b <= '9'; at++) ns = ns * 10 + (b - '0');
    return at > schedstat.position() ? ns : -1;
  }

  private static ByteBuffer read(long pid) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")));
  }

  private static long bootMs() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("btime ")) return Long.parseLong(line.substring(6).strip()) * 1000;
      }
    } catch (IOException | NumberFormatException e) {
      // No /proc: no start times, and no pid is ever taken for ours.
    }
    return 0;
  }

  private static long pageBytes() {
    long bytes = LibC.sysconf(LibC.SC_PAGESIZE);
    return bytes > 0 ? bytes : 4096;
  }

  private static long ticksPerSecond() {
    long ticks = LibC.sysconf(LibC.SC_CLK_TCK);
    return ticks > 0 ? ticks : 100;
  }
}
