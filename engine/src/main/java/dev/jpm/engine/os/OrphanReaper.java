package dev.jpm.engine.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A container's PID 1 inherits every orphan of the container and must reap it, or zombies pile up ({@code jpm run}
 * as PM2's {@code pm2-runtime}). jpm's own children are reaped the moment they exit, by whoever started them (the
 * event loop, the JDK); a zombie child of ours still there at the next scan, a second or more later, is an orphan
 * no one else waits for, and this reaps it. One call per scan, from one thread.
 */
public final class OrphanReaper {

  private final long self = ProcessHandle.current().pid();
  private Set<Long> zombiesLastScan = Set.of();

  /** Scans {@code /proc} once and reaps the orphans seen in the previous scan too; how many it reaped. */
  public int scan() {
    Set<Long> zombies = new HashSet<>();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        long pid = Long.parseLong(process.getFileName().toString());
        if (ProcStat.state(pid) == 'Z' && ProcStat.parent(pid) == self) zombies.add(pid);
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    int reaped = 0;
    for (long pid : zombies) {
      if (zombiesLastScan.contains(pid) && LibC.waitpid((int) pid, new int[1], LibC.WNOHANG) == pid) reaped++;
    }
    zombiesLastScan = zombies;
    return reaped;
  }
}
