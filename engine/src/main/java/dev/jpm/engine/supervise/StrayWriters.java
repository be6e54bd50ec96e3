package dev.jpm.engine.supervise;

import dev.jpm.engine.os.ProcStat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Processes whose stdout or stderr is one of this home's named pipes but not one the new daemon adopts: launched by
 * the dead daemon and never recorded, not even in a pid file (killed between the spawn and the pid file, or
 * between the spawn and the pipe's renaming). Every process a daemon of this home launches with a logged stream
 * writes into {@code JPM_HOME/pipes}, so its descriptors say whose it is, whatever the table knows. Linux only:
 * reads {@code /proc/PID/fd/1} and {@code /fd/2} of every process (two readlinks each; others' are unreadable).
 */
final class StrayWriters {

  private StrayWriters() {}

  /**
   * The pid and start time of every process writing into a pipe of {@code folder} other than {@code kept}, minus
   * {@code known} pids (already dealt with).
   */
  static Map<Long, Long> find(Path folder, Set<Path> kept, Set<Long> known) {
    Map<Long, Long> strays = new LinkedHashMap<>();
    if (!Files.isDirectory(folder)) return strays;
    Path pipes;
    try {
      pipes = folder.toRealPath(); // as /proc shows the targets
    } catch (IOException e) {
      return strays;
    }
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        long pid = Long.parseLong(process.getFileName().toString());
        if (pid == self || known.contains(pid) || !writesInto(process, pipes, kept)) continue;
        OptionalLong start = ProcStat.startMs(pid);
        if (start.isPresent()) strays.put(pid, start.getAsLong());
      }
    } catch (IOException | NumberFormatException e) {
      // No /proc: nothing can be told, and the pid files remain the net.
    }
    return strays;
  }

  private static boolean writesInto(Path process, Path pipes, Set<Path> kept) {
    for (String fd : new String[] {"1", "2"}) {
      try {
        Path target = Files.readSymbolicLink(process.resolve("fd").resolve(fd));
        if (target.startsWith(pipes) && !kept.contains(target)) return true;
      } catch (IOException | UnsupportedOperationException e) {
        // Gone, not ours to read, or not a link: not a stray of ours.
      }
    }
    return false;
  }
}
