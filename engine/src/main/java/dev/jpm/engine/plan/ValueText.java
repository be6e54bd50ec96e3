package dev.jpm.engine.plan;

import java.util.Collection;
import java.util.stream.Collectors;

/** How spec values read in a cause: durations always in milliseconds, sizes as the file writes them. */
final class ValueText {

  private static final long KIB = 1024;

  private ValueText() {}

  /** {@code 1000ms}; always milliseconds so two values compare at a glance. */
  static String millis(long ms) {
    return ms + "ms";
  }

  /** {@code 200M}, {@code 1G}, {@code 512K} or plain bytes; 0 means no limit. */
  static String size(long bytes) {
    if (bytes == 0) return "none";
    String[] units = {"G", "M", "K"};
    long[] factors = {KIB * KIB * KIB, KIB * KIB, KIB};
    for (int i = 0; i < units.length; i++) {
      if (bytes % factors[i] == 0) return bytes / factors[i] + units[i];
    }
    return Long.toString(bytes);
  }

  /** The value as written, or {@code none} for an absent one. */
  static String orNone(Object value) {
    return value == null ? "none" : value.toString();
  }

  /** {@code [a, b]} in a stable order, whatever the collection's own order. */
  static <T extends Comparable<? super T>> String sorted(Collection<T> values) {
    return values.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }

  /** The last segment of a path: the ecosystem file's name as the user knows it. */
  static String fileName(String path) {
    if (path == null) return "none";
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }
}
