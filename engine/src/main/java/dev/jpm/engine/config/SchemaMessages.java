package dev.jpm.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Words for schema violations: each value is described by what its schema asks for ({@code title} where the schema
 * gives one, else from {@code type}, {@code minimum}, {@code enum}), so the user reads
 * {@code must be an integer >= 0, got "abc"} rather than a validator's keyword dump.
 */
final class SchemaMessages {

  private static final int MAX_SHOWN = 60;
  private static final Map<String, String> ARTICLES =
      Map.of("integer", "an integer", "number", "a number", "string", "a string", "boolean", "true or false",
          "array", "a list", "object", "an object", "null", "null");

  private final Vocabulary vocabulary;

  SchemaMessages(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  String badValue(String pointer, JsonNode value) {
    return "must be " + describe(schemaAt(pointer)) + ", got " + shown(value);
  }

  String missing(String pointer, String key) {
    return pointer.isEmpty() && key.equals("script")
        ? "'script' is required: the program to run"
        : "'" + key + "' is required";
  }

  String unknownKey(String pointer, String key) {
    JsonNode properties = schemaAt(pointer).path("properties");
    return NearestKey.among(key, properties.propertyNames())
        .map(near -> "unknown key '" + key + "'; did you mean " + near + "?")
        .orElse("unknown key '" + key + "'; known keys: " + String.join(", ", properties.propertyNames()));
  }

  /** The schema that governs the value at {@code pointer} (relative to an app). */
  JsonNode schemaAt(String pointer) {
    JsonNode schema = vocabulary.resolve(vocabulary.schema().at("/$defs/app"));
    if (pointer.isEmpty()) return schema;
    for (String segment : pointer.substring(1).split("/", -1)) {
      String key = segment.replace("~1", "/").replace("~0", "~");
      schema = vocabulary.resolve(child(schema, key));
    }
    return schema;
  }

  private JsonNode child(JsonNode schema, String key) {
    if (schema.path("properties").has(key)) return schema.path("properties").path(key);
    for (var pattern : schema.path("patternProperties").properties()) {
      if (Pattern.compile(pattern.getKey()).matcher(key).find()) return pattern.getValue();
    }
    if (schema.has("items")) return schema.path("items");
    return schema.path("additionalProperties");
  }

  private String describe(JsonNode schema) {
    if (schema.has("title")) return schema.get("title").asString();
    if (schema.has("enum")) {
      List<String> words = new ArrayList<>();
      schema.get("enum").forEach(v -> words.add(v.toString()));
      return "one of " + String.join(", ", words);
    }
    List<String> kinds = new ArrayList<>();
    JsonNode type = schema.path("type");
    if (type.isString()) kinds.add(phrase(type.asString(), schema));
    else type.forEach(t -> kinds.add(phrase(t.asString(), schema)));
    return kinds.isEmpty() ? "valid here" : String.join(" or ", kinds);
  }

  private static String phrase(String type, JsonNode schema) {
    String phrase = ARTICLES.getOrDefault(type, type);
    if (!type.equals("integer") && !type.equals("number")) {
      if (type.equals("string") && schema.has("minLength")) return "a non-empty string";
      return phrase;
    }
    boolean min = schema.has("minimum");
    boolean max = schema.has("maximum");
    if (min && max) return phrase + " from " + schema.get("minimum") + " to " + schema.get("maximum");
    if (min) return phrase + " >= " + schema.get("minimum");
    return max ? phrase + " <= " + schema.get("maximum") : phrase;
  }

  static String shown(JsonNode value) {
    String text = value == null || value.isMissingNode() ? "nothing" : value.toString();
    return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
  }
}
