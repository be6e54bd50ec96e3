package dev.jpm.engine.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads strict JSON with Jackson's streaming parser, marking every key and value with its line and column. PM2
 * evaluates {@code .json} files as JavaScript; jpm does not, and says so where the file leaves strict JSON.
 */
final class JsonSourceReader {

  private static final JsonMapper STRICT =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Map<String, Position> values = new HashMap<>();
  private final Map<String, Position> keys = new HashMap<>();

  private JsonSourceReader() {}

  static Optional<SourceTree> read(String text, Problems problems) {
    JsonSourceReader reader = new JsonSourceReader();
    try (JsonParser parser = STRICT.createParser(text)) {
      parser.nextToken();
      JsonNode root = reader.value(parser, "");
      if (parser.nextToken() != null) {
        problems.error(position(parser.currentTokenLocation()), null, null,
            "unexpected content after the end of the JSON document");
        return Optional.empty();
      }
      return Optional.of(new SourceTree(root, reader.values, reader.keys));
    } catch (JacksonException e) {
      problems.error(position(e.getLocation()), null, null, StrictJsonHints.explain(e.getOriginalMessage()));
      return Optional.empty();
    }
  }

  private JsonNode value(JsonParser parser, String pointer) {
    values.put(pointer, position(parser.currentTokenLocation()));
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> object(parser, pointer);
      case START_ARRAY -> array(parser, pointer);
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
  }

  private ObjectNode object(JsonParser parser, String pointer) {
    ObjectNode node = NODES.objectNode();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      String child = SourceTree.child(pointer, name);
      keys.put(child, position(parser.currentTokenLocation()));
      parser.nextToken();
      node.set(name, value(parser, child));
    }
    return node;
  }

  private ArrayNode array(JsonParser parser, String pointer) {
    ArrayNode node = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      node.add(value(parser, SourceTree.child(pointer, node.size())));
    }
    return node;
  }

  private static Position position(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) return Position.FILE;
    return new Position(location.getLineNr(), Math.max(location.getColumnNr(), 1));
  }
}
