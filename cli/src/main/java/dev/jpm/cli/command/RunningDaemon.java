package dev.jpm.cli.command;

import dev.jpm.engine.home.HandOverNote;
import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.os.Liveness;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The daemon process of a home, for the verbs that end it ({@code kill}, {@code update}) and wait until it is gone. */
final class RunningDaemon {

  private RunningDaemon() {}

  /** The process {@code daemon.pid} names, if it runs. */
  static Optional<ProcessHandle> of(JpmHome home) {
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(home.daemonPid()).trim()));
    } catch (IOException | NumberFormatException unknown) {
      return Optional.empty();
    }
  }

  /**
   * Polls briefly until the daemon has left the home to a successor ({@code jpm update}: it names itself in {@code
   * handover.pid} and has released the home's lock, while it still serves the front ports) or has exited, at most
   * {@code patience}.
   */
  static void awaitHandOver(JpmHome home, ProcessHandle daemon, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (Liveness.isRunning(daemon) && !(handingOver(home, daemon) && lockFree(home))
        && System.nanoTime() < deadline)
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
  }

  private static boolean handingOver(JpmHome home, ProcessHandle daemon) {
    return HandOverNote.read(home).map(note -> note.pid() == daemon.pid()).orElse(false);
  }

  private static boolean lockFree(JpmHome home) {
    try (FileChannel file = FileChannel.open(home.lockFile(), StandardOpenOption.WRITE);
        FileLock lock = file.tryLock()) {
      return lock != null;
    } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
      return false;
    }
  }

  /**
   * Polls briefly until the daemon has exited, at most {@code patience}. Not {@code onExit()}: for a process that is
   * not our child it counts a zombie as alive, and the exited daemon waits as one until PID 1 reaps it (seconds on
   * some machines).
   */
  static void awaitExit(ProcessHandle daemon, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (Liveness.isRunning(daemon) && System.nanoTime() < deadline)
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
  }
}
