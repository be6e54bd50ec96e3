package dev.jpm.engine.config;

import java.math.BigDecimal;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** PM2's durations: a number is milliseconds; a string may add {@code ms}, {@code s}, {@code m} or {@code h}. */
public final class Durations {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

  private Durations() {}

  /** Milliseconds, or empty when {@code value} is not a duration. */
  static OptionalLong parse(JsonNode value) {
    if (value.isIntegralNumber()) return value.asLong() >= 0 ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
    if (value.isNumber()) return parse(value.decimalValue().toPlainString());
    return value.isString() ? parse(value.asString().strip()) : OptionalLong.empty();
  }

  /** Milliseconds of a text such as {@code 500ms}, {@code 60s}, {@code 5m}; empty when it is not a duration. */
  public static OptionalLong parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) return OptionalLong.empty();
    long unit = switch (m.group(2) == null ? "ms" : m.group(2)) {
      case "h" -> 3_600_000L;
      case "m" -> 60_000L;
      case "s" -> 1_000L;
      default -> 1L;
    };
    try {
      return OptionalLong.of(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit))
          .setScale(0, java.math.RoundingMode.DOWN).longValueExact());
    } catch (ArithmeticException beyondLong) {
      return OptionalLong.empty();
    }
  }
}
