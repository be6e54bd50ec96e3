package dev.jpm.engine.supervise;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Processes a killed daemon had started but not yet saved. A launch writes the instance's pid file right after the
 * spawn, and another thread saves the table a moment later; a daemon killed in between (a crash loop relaunches
 * often) leaves a process that only its pid file names. Such a file is trusted only when its process started when
 * the file was written (± 1 s, as {@link ProcessTree#of} checks): a recycled pid does not match.
 */
final class UnsavedRuns {

  private static final System.Logger LOG = System.getLogger(UnsavedRuns.class.getName());

  private UnsavedRuns() {}

  /**
   * The pid files among {@code known} and in {@code folder} whose process runs, started when the file was written,
   * and is not one of {@code savedPids}, with that process's tree.
   */
  static Map<Path, ProcessTree> find(Collection<Path> known, Path folder, Set<Long> savedPids) {
    Set<Path> files = new LinkedHashSet<>(known);
    files.addAll(pidFilesIn(folder));
    Map<Path, ProcessTree> orphans = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        OptionalLong pid = parsePid(Files.readString(file));
        if (pid.isEmpty() || savedPids.contains(pid.getAsLong())) continue;
        ProcessTree tree = ProcessTree.of(pid.getAsLong(), Files.getLastModifiedTime(file).toMillis());
        if (tree.owned()) orphans.put(file, tree);
      } catch (NoSuchFileException e) {
        // No file: that instance was not running.
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "could not read pid file " + file + ": " + e);
      }
    }
    return orphans;
  }

  /** The pid a pid file holds (one decimal number, blanks around it allowed); empty for anything else. */
  static OptionalLong parsePid(String text) {
    String digits = text.strip();
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    long pid = Long.parseLong(digits);
    return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
  }

  private static Set<Path> pidFilesIn(Path folder) {
    Set<Path> files = new LinkedHashSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) if (entry.getFileName().toString().endsWith(".pid")) files.add(entry);
    } catch (NoSuchFileException e) {
      // No app ever ran with a default pid file here.
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not list pid files in " + folder + ": " + e);
    }
    return files;
  }
}
