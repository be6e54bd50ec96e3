package dev.jpm.engine.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's group and session as the kernel reports them in {@code /proc/PID/stat}: what the tests check jpm's
 * launches against, rather than a libc binding of jpm's own.
 */
public final class KernelIds {

  private KernelIds() {}

  /** The process group of {@code pid}. */
  public static long groupOf(long pid) {
    return statField(pid, 2);
  }

  /** The session of {@code pid}. */
  public static long sessionOf(long pid) {
    return statField(pid, 3);
  }

  /** Field {@code index} after the command name's closing paren: 0 state, 1 parent, 2 group, 3 session. */
  private static long statField(long pid, int index) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[index]);
    } catch (IOException e) {
      throw new UncheckedIOException("no process " + pid, e);
    }
  }
}
