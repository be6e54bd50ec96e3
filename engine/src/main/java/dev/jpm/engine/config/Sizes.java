package dev.jpm.engine.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** PM2's sizes: bytes, or a number with {@code K}, {@code M} or {@code G} (powers of 1024, an optional {@code B}). */
final class Sizes {

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMG])?B?");

  private Sizes() {}

  /** Bytes, or empty when {@code value} is not a size. */
  static OptionalLong parse(JsonNode value) {
    if (value.isIntegralNumber()) return value.asLong() >= 0 ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
    return value.isString() ? parse(value.asString()) : OptionalLong.empty();
  }

  static OptionalLong parse(String text) {
    Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) return OptionalLong.empty();
    int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
      case "K" -> 10;
      case "M" -> 20;
      default -> 30;
    };
    try {
      return OptionalLong.of(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift))
          .setScale(0, java.math.RoundingMode.DOWN).longValueExact());
    } catch (ArithmeticException beyondLong) {
      return OptionalLong.empty();
    }
  }
}
