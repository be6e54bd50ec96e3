package dev.jpm.engine.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What {@code /proc/PID/stat} says of a process: its state letter, and when it started. The start (epoch ms) is
 * computed exactly as the JDK computes {@code ProcessHandle.Info#startInstant} (boot time from {@code /proc/stat}
 * plus the start tick), without the rest of {@code Info}: that also reads the command line and looks the owner's
 * name up through NSS ({@code getpwuid}), which a launch paid twice and which on a host with a directory service
 * may wait on the network. Linux only.
 */
public final class ProcStat {

  private static final long BOOT_MS = bootMs();
  private static final long TICKS_PER_SECOND = ticksPerSecond();

  private ProcStat() {}

  /** When {@code pid} started; empty when it does not exist (or /proc cannot tell). */
  public static OptionalLong startMs(long pid) {
    if (pid <= 0 || BOOT_MS <= 0) return OptionalLong.empty();
    try {
      return startMsIn(read(pid));
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
      String[] fields = fieldsAfterName(read(pid));
      return fields.length > 0 && !fields[0].isEmpty() ? fields[0].charAt(0) : '?';
    } catch (NoSuchFileException e) {
      return 'Z';
    } catch (IOException e) {
      return '?';
    }
  }

  /** The parent of {@code pid} (field 4); 0 when it is gone or /proc cannot tell. */
  public static long parent(long pid) {
    try {
      String[] fields = fieldsAfterName(read(pid));
      return fields.length > 1 ? Long.parseLong(fields[1]) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** The start in a {@code stat} line: field 22, clock ticks after boot. */
  static OptionalLong startMsIn(String stat) {
    String[] fields = fieldsAfterName(stat);
    if (fields.length < 20) return OptionalLong.empty();
    try {
      return OptionalLong.of(BOOT_MS + Long.parseLong(fields[19]) * 1000 / TICKS_PER_SECOND);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Fields 3 and on (state first): counted after the name's last ')', since a name may hold spaces and ')'. */
  private static String[] fieldsAfterName(String stat) {
    int afterName = stat.lastIndexOf(')');
    return afterName < 0 ? new String[0] : stat.substring(afterName + 1).strip().split(" ");
  }

  private static String read(long pid) throws IOException {
    return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
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

  private static long ticksPerSecond() {
    long ticks = LibC.sysconf(LibC.SC_CLK_TCK);
    return ticks > 0 ? ticks : 100;
  }
}
