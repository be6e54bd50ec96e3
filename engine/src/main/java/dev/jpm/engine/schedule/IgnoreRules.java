package dev.jpm.engine.schedule;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which paths a watch leaves out. A glob without {@code /} ({@code node_modules}, {@code .*}, {@code *.log})
 * matches any file or folder of that name, so an ignored folder is never walked; a glob with {@code /} matches the
 * path relative to the watched root ({@code logs/**}), or the absolute path when it starts with {@code /}. The
 * files jpm writes for the app are always left out, rotated copies included, so its own logs never cause a
 * restart loop.
 */
final class IgnoreRules {

  private final List<PathMatcher> byName = new ArrayList<>();
  private final List<PathMatcher> byRelativePath = new ArrayList<>();
  private final List<PathMatcher> byAbsolutePath = new ArrayList<>();
  private final List<String> ownFilePrefixes;
  private final Path ownFolder;

  /**
   * @param ownFiles files jpm writes for the app; a file whose name starts like one (up to its extension) is a
   *     rotated copy of it
   * @param ownFolder the daemon's home, never watched
   */
  IgnoreRules(List<String> globs, List<Path> ownFiles, Path ownFolder) {
    FileSystem fs = FileSystems.getDefault();
    for (String glob : globs) {
      PathMatcher matcher = fs.getPathMatcher("glob:" + glob);
      if (glob.startsWith("/")) byAbsolutePath.add(matcher);
      else if (glob.contains("/")) byRelativePath.add(matcher);
      else byName.add(matcher);
    }
    this.ownFilePrefixes = ownFiles.stream().map(IgnoreRules::withoutExtension).toList();
    this.ownFolder = ownFolder;
  }

  private static String withoutExtension(Path file) {
    String text = file.toString();
    int dot = text.lastIndexOf('.');
    return dot > text.lastIndexOf('/') + 1 ? text.substring(0, dot) : text;
  }

  /** Whether {@code path} (below {@code root}, or the root itself) is left out, with everything below it. */
  boolean ignores(Path root, Path path) {
    Path name = path.getFileName();
    if (name != null && !path.equals(root)) {
      for (PathMatcher matcher : byName) if (matcher.matches(name)) return true;
      if (!byRelativePath.isEmpty()) {
        Path relative = root.relativize(path);
        for (PathMatcher matcher : byRelativePath) if (matcher.matches(relative)) return true;
      }
    }
    for (PathMatcher matcher : byAbsolutePath) if (matcher.matches(path)) return true;
    if (path.startsWith(ownFolder)) return true;
    String text = path.toString();
    for (String own : ownFilePrefixes) if (text.startsWith(own)) return true;
    return false;
  }
}
