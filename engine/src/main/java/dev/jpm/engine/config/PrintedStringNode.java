package dev.jpm.engine.config;

import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * A string node that prints itself ({@code toString}, JSON with quotes) through jackson-core's encoder instead of
 * databind's serializer, and is equal to any string node of the same value. networknt's enum validator prints every
 * string of an {@code enum} while it builds the schema; the serializer's first use builds databind's shared mapper,
 * whose date format loads the default locale's calendar data from CLDR: ~25 ms of every {@code jpm apply} that only
 * ever needed the quotes (decision 0033).
 */
final class PrintedStringNode extends StringNode {

  /** Builds trees whose strings are printed nodes; otherwise Jackson's factory. */
  static final JsonNodeFactory NODES = new JsonNodeFactory() {
    @Override
    public StringNode stringNode(String text) {
      return text == null ? super.stringNode(null) : new PrintedStringNode(text);
    }
  };

  private PrintedStringNode(String value) {
    super(value);
  }

  @Override
  public String toString() {
    StringBuilder json = new StringBuilder(_value.length() + 2).append('"');
    JsonStringEncoder.getInstance().quoteAsString(_value, json);
    return json.append('"').toString();
  }
}
