package dev.jpm.engine.config;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads YAML 1.2 (core schema: {@code yes} stays a string) through snakeyaml-engine's node API, which keeps the
 * start mark of every node, and converts it to the same Jackson tree the JSON reader builds.
 */
final class YamlSourceReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MERGE_KEY = "<<";

  private final Map<String, Position> values = new HashMap<>();
  private final Map<String, Position> keys = new HashMap<>();
  private final Map<Node, Boolean> open = new IdentityHashMap<>();
  private final Problems problems;

  private YamlSourceReader(Problems problems) {
    this.problems = problems;
  }

  static Optional<SourceTree> read(String text, Problems problems) {
    LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setAllowDuplicateKeys(false)
        .setCodePointLimit(SourceLimits.MAX_SIZE + 1).build();
    Optional<Node> document;
    try {
      document = new Compose(settings).composeString(text);
    } catch (StackOverflowError deep) {
      // snakeyaml-engine composes nested collections recursively and has no depth limit of its own.
      problems.error(Position.FILE, null, null, SourceLimits.tooDeep());
      return Optional.empty();
    } catch (MarkedYamlEngineException e) {
      Position at = e.getProblemMark().or(e::getContextMark).map(YamlSourceReader::position).orElse(Position.FILE);
      problems.error(at, null, null, "invalid YAML: " + describe(e));
      return Optional.empty();
    } catch (YamlEngineException e) {
      problems.error(Position.FILE, null, null, "invalid YAML: " + e.getMessage());
      return Optional.empty();
    }
    if (document.isEmpty()) {
      problems.error(Position.FILE, null, null, "the file is empty; it should list apps under 'apps:'");
      return Optional.empty();
    }
    YamlSourceReader reader = new YamlSourceReader(problems);
    int before = problems.errorCount();
    JsonNode root = reader.convert(document.get(), "", 0);
    if (problems.errorCount() > before) return Optional.empty();
    return Optional.of(new SourceTree(root, reader.values, reader.keys));
  }

  private JsonNode convert(Node node, String pointer, int depth) {
    values.put(pointer, position(node));
    if (depth > SourceLimits.MAX_DEPTH) {
      problems.error(position(node), null, null, SourceLimits.tooDeep());
      return NODES.nullNode();
    }
    if (open.put(node, Boolean.TRUE) != null) {
      problems.error(position(node), null, null, "invalid YAML: an alias refers to a node that contains it");
      return NODES.nullNode();
    }
    try {
      return switch (node) {
        case MappingNode mapping -> mapping(mapping, pointer, depth);
        case SequenceNode sequence -> sequence(sequence, pointer, depth);
        case ScalarNode scalar -> checked(scalar(scalar), node);
        default -> NODES.nullNode();
      };
    } finally {
      open.remove(node);
    }
  }

  private JsonNode checked(JsonNode value, Node node) {
    String outOfRange = SourceLimits.outOfRange(value);
    if (outOfRange == null) return value;
    problems.error(position(node), null, null, outOfRange);
    return NODES.nullNode();
  }

  private ObjectNode mapping(MappingNode mapping, String pointer, int depth) {
    ObjectNode object = NODES.objectNode();
    ObjectNode merged = NODES.objectNode();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        problems.error(position(tuple.getKeyNode()), null, null, "invalid YAML: keys must be plain strings");
        continue;
      }
      String key = keyNode.getValue();
      if (key.equals(MERGE_KEY) || keyNode.getTag().equals(Tag.MERGE)) {
        mergeInto(merged, convert(tuple.getValueNode(), pointer, depth + 1));
        continue;
      }
      String child = SourceTree.child(pointer, key);
      if (object.has(key)) {
        problems.error(position(keyNode), null, null, "duplicate key '" + key + "'");
        continue;
      }
      keys.put(child, position(keyNode));
      object.set(key, convert(tuple.getValueNode(), child, depth + 1));
    }
    // YAML merge keys (<<: *defaults), as js-yaml reads them for PM2: explicit keys win over merged ones.
    merged.properties().forEach(e -> {
      if (!object.has(e.getKey())) object.set(e.getKey(), e.getValue());
    });
    return object;
  }

  private static void mergeInto(ObjectNode target, JsonNode source) {
    if (source instanceof ObjectNode object) {
      object.properties().forEach(e -> {
        if (!target.has(e.getKey())) target.set(e.getKey(), e.getValue());
      });
    } else if (source instanceof ArrayNode list) {
      list.forEach(item -> mergeInto(target, item));
    }
  }

  private ArrayNode sequence(SequenceNode sequence, String pointer, int depth) {
    ArrayNode array = NODES.arrayNode();
    for (Node item : sequence.getValue()) array.add(convert(item, SourceTree.child(pointer, array.size()), depth + 1));
    return array;
  }

  private static JsonNode scalar(ScalarNode scalar) {
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) return NODES.nullNode();
    if (tag.equals(Tag.BOOL)) return NODES.booleanNode(text.equalsIgnoreCase("true"));
    if (tag.equals(Tag.INT)) return integer(text);
    if (tag.equals(Tag.FLOAT)) return decimal(text);
    return NODES.stringNode(text);
  }

  private static JsonNode integer(String text) {
    try {
      BigInteger value;
      if (text.startsWith("0x")) value = new BigInteger(text.substring(2), 16);
      else if (text.startsWith("0o")) value = new BigInteger(text.substring(2), 8);
      else value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
      return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    } catch (NumberFormatException e) {
      return NODES.stringNode(text);
    }
  }

  private static JsonNode decimal(String text) {
    try {
      return NODES.numberNode(new java.math.BigDecimal(text));
    } catch (NumberFormatException e) {
      return NODES.stringNode(text); // .inf and .nan: no app option takes them, the schema will say so
    }
  }

  private static String describe(MarkedYamlEngineException e) {
    String context = e.getContext();
    String problem = e.getProblem();
    return context == null || context.isBlank() ? problem : context + ", " + problem;
  }

  private static Position position(Node node) {
    return node.getStartMark().map(YamlSourceReader::position).orElse(Position.FILE);
  }

  private static Position position(Mark mark) {
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }
}
