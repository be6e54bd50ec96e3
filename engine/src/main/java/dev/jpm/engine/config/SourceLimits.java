package dev.jpm.engine.config;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * What an ecosystem file may hold, so that no input makes reading it throw, overflow the stack or take seconds:
 * its size, how deep its values nest, and numbers that fit a long. Real files are a few KiB and five levels deep;
 * each limit is far beyond that and reported at the place that crossed it.
 */
final class SourceLimits {

  /** Characters (and bytes) of one file. */
  static final int MAX_SIZE = 1 << 20;
  /** Levels of lists and maps inside one another. */
  static final int MAX_DEPTH = 64;

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private SourceLimits() {}

  static String tooLarge(long size) {
    return "the file has " + size + " bytes; an ecosystem file may have at most " + MAX_SIZE + " (1 MiB)";
  }

  static String tooDeep() {
    return "values nest more than " + MAX_DEPTH + " levels deep; an ecosystem file needs only a few";
  }

  /** Why {@code number} cannot be used, or null when it fits a long (or is a fraction within that range). */
  static String outOfRange(JsonNode number) {
    if (!number.isNumber()) return null;
    BigDecimal value = number.isBigInteger() ? new BigDecimal(number.bigIntegerValue())
        : number.isIntegralNumber() ? BigDecimal.valueOf(number.longValue()) : number.decimalValue();
    if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) return null;
    return "the number " + value.toPlainString().replaceAll("(\\d{12})\\d+", "$1...") + " is out of range; numbers"
        + " here are at most " + Long.MAX_VALUE;
  }
}
