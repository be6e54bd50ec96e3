package dev.jpm.engine.config;

import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * PM2's lenient value forms, applied to canonical keys before validation so that PM2 files load unchanged: a numeric
 * string becomes a number where the key is numeric ({@code instances: "4"}), and a string becomes a list, split on
 * whitespace honouring quotes, where the key is first of all a list ({@code args: "--port 80"}). Booleans are not
 * coerced, as in PM2.
 */
final class Pm2Coercions {

  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Vocabulary vocabulary;

  Pm2Coercions(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  void apply(ObjectNode app) {
    for (String key : List.copyOf(app.propertyNames())) {
      JsonNode value = app.get(key);
      List<String> types = vocabulary.types(key);
      if (types.isEmpty()) continue;
      if (value.isString() && types.getFirst().equals("array")) {
        ArrayNode list = NODES.arrayNode();
        ArgumentSplitter.split(value.asString()).forEach(list::add);
        app.set(key, list);
        value = list;
      }
      if (value.isString() && types.contains("integer") && isInteger(value)) {
        app.set(key, NODES.numberNode(Long.parseLong(value.asString().strip())));
      } else if (value instanceof ArrayNode list && integerItems(key)) {
        for (int i = 0; i < list.size(); i++) {
          if (isInteger(list.get(i))) list.set(i, NODES.numberNode(Long.parseLong(list.get(i).asString().strip())));
        }
      }
    }
  }

  private boolean integerItems(String key) {
    return vocabulary.resolve(vocabulary.property(key).path("items")).path("type").asString("").equals("integer");
  }

  private static boolean isInteger(JsonNode value) {
    return value.isString() && INTEGER.matcher(value.asString().strip()).matches()
        && value.asString().strip().length() < 19;
  }
}
