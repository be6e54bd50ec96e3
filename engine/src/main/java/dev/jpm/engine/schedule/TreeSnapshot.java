package dev.jpm.engine.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The size and modification time of every file of the watched trees at one moment, and what changed between two
 * such moments. One {@code stat} per file (java.nio's walk), no file is opened or read; ignored folders are not
 * entered. A root that does not exist yet is an empty tree, so creating it later is a change.
 */
final class TreeSnapshot {

  /** Size and mtime pack into one object so a 10,000-file snapshot stays a single small map. */
  private record Stamp(long size, long modifiedNanos) {}

  private final Map<Path, Stamp> files;

  private TreeSnapshot(Map<Path, Stamp> files) {
    this.files = files;
  }

  static TreeSnapshot scan(List<Path> roots, IgnoreRules ignore) {
    Map<Path, Stamp> files = new HashMap<>();
    for (Path root : roots) walk(root, ignore, files);
    return new TreeSnapshot(files);
  }

  int size() {
    return files.size();
  }

  /** Files added, changed or deleted since {@code before}, sorted. */
  List<Path> changedSince(TreeSnapshot before) {
    TreeSet<Path> changed = new TreeSet<>();
    files.forEach((path, stamp) -> {
      if (!stamp.equals(before.files.get(path))) changed.add(path);
    });
    before.files.keySet().forEach(path -> {
      if (!files.containsKey(path)) changed.add(path);
    });
    return new ArrayList<>(changed);
  }

  private static void walk(Path root, IgnoreRules ignore, Map<Path, Stamp> files) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return ignore.ignores(root, dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (!attrs.isDirectory() && !ignore.ignores(root, file))
            files.put(file, new Stamp(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          // A root that does not exist yet, or a file deleted or unreadable while walking: absent from this snapshot.
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + root, e); // the visitor itself never throws
    }
  }
}
