package dev.jpm.engine.model;

import java.util.Objects;

/**
 * A value parsed from a text of the ecosystem file, which it keeps: files and the wire carry that text, plans and
 * messages print it, and two values of one type are equal when their texts are (what was parsed from the text
 * follows from it).
 */
abstract class TextValue {

  private final String text;

  TextValue(String text) {
    this.text = Objects.requireNonNull(text, "text");
  }

  final String text() {
    return text;
  }

  @Override
  public final boolean equals(Object other) {
    return other != null && other.getClass() == getClass() && ((TextValue) other).text.equals(text);
  }

  @Override
  public final int hashCode() {
    return text.hashCode();
  }

  @Override
  public final String toString() {
    return text;
  }
}
