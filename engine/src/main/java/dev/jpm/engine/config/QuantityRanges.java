package dev.jpm.engine.config;

import java.util.OptionalLong;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Durations and sizes the schema's patterns accept but no clock or counter can hold ({@code 99999999999h}): a
 * located error, never a silent default or an overflow. A duration is at most ten years (deadlines are computed as
 * now plus the duration), a size at most what a long holds.
 */
final class QuantityRanges {

  static final long MAX_DURATION_MS = 10L * 366 * 24 * 3_600_000;
  private static final String DURATION = "#/$defs/duration";
  private static final String SIZE = "#/$defs/size";

  private QuantityRanges() {}

  static void check(ObjectNode app, AppScope scope, Vocabulary vocabulary) {
    for (String key : app.propertyNames()) {
      String ref = refOf(vocabulary, key);
      if (DURATION.equals(ref)) checkDuration(app.get(key), key, scope);
      else if (SIZE.equals(ref)) check(app.get(key), key, scope, Sizes::parse, Long.MAX_VALUE, "a size");
    }
    JsonNode health = app.path("health_check");
    if (health instanceof ObjectNode check) {
      for (String key : new String[] {"interval", "timeout"})
        if (check.has(key)) checkDuration(check.get(key), "health_check." + key, scope);
    }
  }

  private static String refOf(Vocabulary vocabulary, String key) {
    JsonNode ref = vocabulary.schema().path("$defs").path("app").path("properties").path(key).path("$ref");
    return ref.isString() ? ref.asString() : null;
  }

  private static void checkDuration(JsonNode value, String field, AppScope scope) {
    check(value, field, scope, Durations::parse, MAX_DURATION_MS, "a duration");
  }

  private static void check(JsonNode value, String field, AppScope scope, Function<JsonNode, OptionalLong> parse,
      long max, String what) {
    if (!value.isNumber() && !value.isString()) return; // the schema reports the type
    OptionalLong parsed = parse.apply(value);
    if (parsed.isPresent() && parsed.getAsLong() <= max) return;
    if (parsed.isEmpty() && !fitsPattern(value)) return; // not a quantity at all: the schema says so
    scope.error(field, what + " too large: " + value.asString() + " (at most " + (max == MAX_DURATION_MS
        ? "10 years" : Long.toString(max)) + ")");
  }

  /** Whether the text has the shape of a quantity (digits, a fraction, a unit), whatever its size. */
  private static boolean fitsPattern(JsonNode value) {
    return value.isIntegralNumber() || value.isString() && value.asString().strip().matches("\\d+(\\.\\d+)?[A-Za-z]*");
  }
}
