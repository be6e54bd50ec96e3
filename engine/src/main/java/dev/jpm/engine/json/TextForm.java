package dev.jpm.engine.json;

import java.util.function.Function;

/**
 * A value type that travels as one JSON string, the text it was parsed from (a cron expression, a date pattern):
 * the codec writes {@code text} of the value and reads a string back through {@code parse}, so the value's JSON is
 * the same as when the field was a plain string.
 *
 * @param type the value's class
 * @param parse the value of a string; an {@link IllegalArgumentException} refuses it
 * @param text the string a value is written as
 */
public record TextForm<T>(Class<T> type, Function<String, T> parse, Function<T, String> text) {

  String write(Object value) {
    return text.apply(type.cast(value));
  }
}
