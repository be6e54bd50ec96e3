package dev.jpm.cli.render;

/**
 * CPU and memory as {@code ls}, {@code show} and {@code monit} print them: {@code 3.5%}, {@code 45.2M} (memory
 * in the units {@code max_memory_restart} is written in); {@code -} when the instance was not sampled.
 */
public final class Usage {

  private static final String[] UNITS = {"K", "M", "G", "T"};

  private Usage() {}

  public static String cpu(Double percent) {
    if (percent == null) return "-";
    return (percent >= 10 ? whole(percent) : tenths(percent)) + "%";
  }

  public static String memory(Long bytes) {
    if (bytes == null) return "-";
    if (bytes < 1024) return bytes + "B";
    double value = bytes / 1024.0;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return (value >= 100 ? whole(value) : tenths(value)) + UNITS[unit];
  }

  // Rounded by hand, not with String.format: a table of 50 rows formats 100 numbers, and the Formatter machinery
  // costs `jpm ls` milliseconds in a JVM that runs for a tenth of a second.
  private static String whole(double value) {
    return Long.toString(Math.round(value));
  }

  private static String tenths(double value) {
    long tenths = Math.round(value * 10);
    return tenths / 10 + "." + tenths % 10;
  }
}
