package dev.jpm.engine.export;

/** A unit file being written: sections in order, and a setting with a null value left out. */
final class UnitText {

  private final StringBuilder text = new StringBuilder();

  UnitText section(String name) {
    if (!text.isEmpty()) text.append('\n');
    text.append('[').append(name).append("]\n");
    return this;
  }

  UnitText set(String key, Object value) {
    if (value != null) text.append(key).append('=').append(value).append('\n');
    return this;
  }

  String text() {
    return text.toString();
  }
}
