package dev.jpm.engine.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads strict JSON with Jackson's streaming parser, marking every key and value with its line and column. PM2
 * evaluates {@code .json} files as JavaScript; jpm does not, and says so where the file leaves strict JSON.
 */
final class JsonSourceReader {

  // The streaming parser alone: databind's mapper would only hand out this parser, and building one initialises a
  // calendar in the default locale (CLDR's week data, ~20 ms of every `jpm apply`, decision 0033).
  private static final JsonFactory STRICT =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonNodeFactory NODES = PrintedStringNode.NODES;

  private final Map<String, Position> values = new HashMap<>();
  private final Map<String, Position> keys = new HashMap<>();
  private final Problems problems;

  private JsonSourceReader(Problems problems) {
    this.problems = problems;
  }

  static Optional<SourceTree> read(String text, Problems problems) {
    JsonSourceReader reader = new JsonSourceReader(problems);
    int before = problems.errorCount();
    try (JsonParser parser = STRICT.createParser(ObjectReadContext.empty(), text)) {
      try {
        parser.nextToken();
        JsonNode root = reader.value(parser, "", 0);
        if (problems.errorCount() > before) return Optional.empty();
        if (parser.nextToken() != null) {
          problems.error(position(parser.currentTokenLocation()), null, null,
              "unexpected content after the end of the JSON document");
          return Optional.empty();
        }
        return Optional.of(new SourceTree(root, reader.values, reader.keys));
      } catch (JacksonException e) {
        // A limit of the parser's (a name too long) comes without a location: where the parser stopped is one.
        TokenStreamLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        problems.error(position(at), null, null, StrictJsonHints.explain(e.getOriginalMessage()));
        return Optional.empty();
      }
    }
  }

  private JsonNode value(JsonParser parser, String pointer, int depth) {
    Position at = position(parser.currentTokenLocation());
    values.put(pointer, at);
    JsonToken token = parser.currentToken();
    if (depth > SourceLimits.MAX_DEPTH && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
      problems.error(at, null, null, SourceLimits.tooDeep());
      parser.skipChildren();
      return NODES.nullNode();
    }
    JsonNode value = switch (token) {
      case START_OBJECT -> object(parser, pointer, depth);
      case START_ARRAY -> array(parser, pointer, depth);
      case VALUE_STRING -> NODES.stringNode(parser.getString());
      case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? NODES.numberNode(parser.getBigIntegerValue())
          : NODES.numberNode(parser.getLongValue());
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IllegalStateException("unexpected JSON token " + token);
    };
    String outOfRange = SourceLimits.outOfRange(value);
    if (outOfRange == null) return value;
    problems.error(at, null, null, outOfRange);
    return NODES.nullNode();
  }

  private ObjectNode object(JsonParser parser, String pointer, int depth) {
    ObjectNode node = NODES.objectNode();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      String child = SourceTree.child(pointer, name);
      keys.put(child, position(parser.currentTokenLocation()));
      parser.nextToken();
      node.set(name, value(parser, child, depth + 1));
    }
    return node;
  }

  private ArrayNode array(JsonParser parser, String pointer, int depth) {
    ArrayNode node = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      node.add(value(parser, SourceTree.child(pointer, node.size()), depth + 1));
    }
    return node;
  }

  private static Position position(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) return Position.FILE;
    return new Position(location.getLineNr(), Math.max(location.getColumnNr(), 1));
  }
}
