package dev.jpm.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The app keys of {@code ecosystem.schema.json} and their declared types, read once from the schema itself so that
 * the schema stays the one definition of the format. Knows nothing of PM2's aliases (see {@link KeyCanonicaliser}).
 */
final class Vocabulary {

  static final String SCHEMA_RESOURCE = "ecosystem.schema.json";
  static final Vocabulary INSTANCE = new Vocabulary(readSchema());

  private final JsonNode schema;
  private final JsonNode appProperties;

  Vocabulary(JsonNode schema) {
    this.schema = schema;
    this.appProperties = schema.path("$defs").path("app").path("properties");
  }

  JsonNode schema() {
    return schema;
  }

  /** Every key the schema lists for an app: canonical keys, PM2 aliases and ignored PM2 keys. */
  Set<String> appKeys() {
    Set<String> keys = new LinkedHashSet<>(appProperties.propertyNames());
    return Collections.unmodifiableSet(keys);
  }

  /** The schema of one app key, with a top-level {@code $ref} followed; a missing node when unknown. */
  JsonNode property(String key) {
    return resolve(appProperties.path(key));
  }

  /** The declared JSON types of an app key, in the schema's order (e.g. {@code [array, string]}). */
  List<String> types(String key) {
    JsonNode type = property(key).path("type");
    List<String> types = new ArrayList<>();
    if (type.isString()) types.add(type.asString());
    else type.forEach(t -> types.add(t.asString()));
    return types;
  }

  /** Follows a local {@code $ref} ({@code #/$defs/...}) until a schema without one. */
  JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; hops < 8 && current.has("$ref"); hops++) {
      String ref = current.get("$ref").asString();
      if (!ref.startsWith("#")) break;
      current = schema.at(ref.substring(1));
    }
    return current;
  }

  /** The schema, read as ecosystem JSON files are (the streaming parser: no databind mapper on the CLI's path). */
  private static JsonNode readSchema() {
    String text;
    try (InputStream in = Vocabulary.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) throw new IllegalStateException("the engine jar lacks " + SCHEMA_RESOURCE);
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Problems problems = new Problems(SCHEMA_RESOURCE);
    return JsonSourceReader.read(text, problems).map(SourceTree::root)
        .orElseThrow(() -> new IllegalStateException("the engine's " + SCHEMA_RESOURCE + " is not valid JSON: "
            + problems.errors()));
  }
}
