package dev.jpm.engine.model;

/**
 * When a log file is rotated (renamed aside and reopened empty) and how many rotated files are kept.
 *
 * @param maxBytes rotate once the file reaches this size; 0 = never by size
 * @param interval rotate at every calendar boundary of this period
 * @param keep rotated files kept per log file (older ones are deleted); at least 1
 * @param compress gzip rotated files
 */
public record LogRotation(long maxBytes, Interval interval, int keep, boolean compress) {

  /** No rotation at all (also how an app opts out of the daemon-wide default: {@code log_rotate: false}). */
  public static final LogRotation NONE = new LogRotation(0, Interval.NONE, 1, false);

  /** Calendar periods a log file may be rotated at (in the daemon's time zone). */
  public enum Interval {
    NONE,
    HOURLY,
    DAILY
  }

  public LogRotation {
    if (maxBytes < 0) throw new IllegalArgumentException("log_rotate size must be >= 0, got " + maxBytes);
    if (keep < 1) throw new IllegalArgumentException("log_rotate keep must be >= 1, got " + keep);
    if (interval == null) interval = Interval.NONE;
  }

  /** True when this policy ever rotates. */
  public boolean active() {
    return maxBytes > 0 || interval != Interval.NONE;
  }
}
