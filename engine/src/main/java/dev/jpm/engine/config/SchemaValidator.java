package dev.jpm.engine.config;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates one app against {@code $defs/app} of {@code ecosystem.schema.json} (draft 2020-12). The only user of the
 * schema library: it returns violations as JSON pointers relative to the app, with human messages, one per value.
 */
final class SchemaValidator {

  /** One violation: where (relative to the app), whether the key itself is at fault, and what is wrong. */
  record Violation(String pointer, boolean atKey, String message) {}

  private final Schema appSchema;
  private final SchemaMessages messages;

  SchemaValidator(Vocabulary vocabulary) {
    ObjectNode appOnly = (ObjectNode) vocabulary.schema().deepCopy();
    appOnly.remove("anyOf");
    appOnly.put("$ref", "#/$defs/app");
    this.appSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(appOnly);
    this.messages = new SchemaMessages(vocabulary);
  }

  List<Violation> validate(JsonNode app) {
    Map<String, Violation> byValue = new LinkedHashMap<>();
    List<Violation> violations = new ArrayList<>();
    for (Error error : appSchema.validate(app)) {
      String pointer = pointer(error.getInstanceLocation());
      switch (error.getKeyword()) {
        case "required" -> violations.add(new Violation(pointer, false, messages.missing(pointer, error.getProperty())));
        case "additionalProperties" -> {
          String member = SourceTree.child(pointer, error.getProperty());
          violations.add(new Violation(member, true, messages.unknownKey(pointer, error.getProperty())));
        }
        // anyOf, type, pattern... on the same value all mean one thing: the value does not fit its description.
        default -> byValue.putIfAbsent(pointer, new Violation(pointer, false, messages.badValue(pointer, app.at(pointer))));
      }
    }
    violations.addAll(byValue.values());
    return violations;
  }

  private static String pointer(NodePath path) {
    String pointer = "";
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      pointer = element instanceof Integer index
          ? SourceTree.child(pointer, index)
          : SourceTree.child(pointer, String.valueOf(element));
    }
    return pointer;
  }
}
