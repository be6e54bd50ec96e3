package dev.jpm.engine.daemon;

/** Parses the argument of {@code jpm scale}: {@code N}, {@code +N}, {@code -N} or {@code max}. */
final class InstanceCount {

  static final int MAX_INSTANCES = 1024;

  private InstanceCount() {}

  static int parse(String text, int current, int cpuCount) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("scale needs a count: N, +N, -N or max");
    String count = text.trim();
    int target;
    try {
      if (count.equals("max")) target = cpuCount;
      else if (count.startsWith("+")) target = current + Integer.parseInt(count.substring(1));
      else if (count.startsWith("-")) target = current - Integer.parseInt(count.substring(1));
      else target = Integer.parseInt(count);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scale count must be N, +N, -N or max, got '" + text + "'");
    }
    if (target < 1 || target > MAX_INSTANCES)
      throw new IllegalArgumentException("scale to " + target + " instances is out of range (1.." + MAX_INSTANCES
          + "); use jpm stop to stop every instance");
    return target;
  }
}
