package dev.jpm.cli.render;

/** Short human durations as {@code ls} shows them: {@code 12s}, {@code 5m}, {@code 3h}, {@code 2D}. */
public final class Durations {

  private Durations() {}

  public static String compact(long millis) {
    if (millis <= 0) return "0";
    long seconds = millis / 1000;
    if (seconds < 60) return seconds + "s";
    long minutes = seconds / 60;
    if (minutes < 60) return minutes + "m";
    long hours = minutes / 60;
    if (hours < 24) return hours + "h";
    return hours / 24 + "D";
  }
}
