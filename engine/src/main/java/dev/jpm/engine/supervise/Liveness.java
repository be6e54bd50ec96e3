package dev.jpm.engine.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether a process still runs. {@link ProcessHandle#isAlive()} also says yes for a zombie: a process that has
 * exited and only waits for its parent to reap it. Orphans are reaped by PID 1, which on some machines (this
 * project's CI among them) takes seconds; waiting for that would make every stop look slow.
 */
public final class Liveness {

  private Liveness() {}

  /** Alive and not a zombie. */
  public static boolean isRunning(ProcessHandle handle) {
    return handle.isAlive() && stateOf(handle.pid()) != 'Z';
  }

  /** Alive and not a zombie; false for a pid that does not exist. */
  public static boolean isRunning(long pid) {
    return ProcessHandle.of(pid).map(Liveness::isRunning).orElse(false);
  }

  /** The state letter of {@code /proc/PID/stat} ('Z' for a zombie); 'Z' too when the pid is gone. */
  private static char stateOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int afterName = stat.lastIndexOf(')');
      return afterName > 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
    } catch (NoSuchFileException e) {
      return 'Z';
    } catch (IOException e) {
      // Without /proc a zombie cannot be told apart; taking it as alive only makes a stop wait for the reaper.
      return '?';
    }
  }
}
