package dev.jpm.cli.render;

import java.util.Locale;

/**
 * CPU and memory as {@code ls}, {@code show} and {@code monit} print them: {@code 3.5%}, {@code 45.2M} (memory
 * in the units {@code max_memory_restart} is written in); {@code -} when the instance was not sampled.
 */
public final class Usage {

  private static final String[] UNITS = {"K", "M", "G", "T"};

  private Usage() {}

  public static String cpu(Double percent) {
    if (percent == null) return "-";
    return (percent >= 10 ? String.format(Locale.ROOT, "%.0f", percent) : String.format(Locale.ROOT, "%.1f", percent))
        + "%";
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
    return (value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value))
        + UNITS[unit];
  }
}
