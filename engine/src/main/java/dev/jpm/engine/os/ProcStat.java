package dev.jpm.engine.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * When a process started (epoch ms), computed from {@code /proc/PID/stat} exactly as the JDK computes
 * {@code ProcessHandle.Info#startInstant} (boot time from {@code /proc/stat} plus the start tick), without the rest
 * of {@code Info}: that also reads the command line and looks the owner's name up through NSS ({@code getpwuid}),
 * which a launch paid twice and which on a host with a directory service may wait on the network. Linux only.
 */
public final class ProcessStart {

  private static final long BOOT_MS = bootMs();
  private static final long TICKS_PER_SECOND = ticksPerSecond();

  private ProcessStart() {}

  /** The start of {@code pid}; empty when it does not exist (or /proc cannot tell). */
  public static OptionalLong of(long pid) {
    if (pid <= 0 || BOOT_MS <= 0) return OptionalLong.empty();
    try {
      return startMs(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The start in a {@code stat} line: field 22 (clock ticks after boot), counted after the name's closing ')'. */
  static OptionalLong startMs(String stat) {
    int afterName = stat.lastIndexOf(')');
    if (afterName < 0) return OptionalLong.empty();
    String[] fields = stat.substring(afterName + 1).strip().split(" ");
    if (fields.length < 20) return OptionalLong.empty();
    try {
      return OptionalLong.of(BOOT_MS + Long.parseLong(fields[19]) * 1000 / TICKS_PER_SECOND);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
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
