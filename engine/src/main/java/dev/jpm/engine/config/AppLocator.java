package dev.jpm.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the apps in a file's top level, in every shape PM2 accepts: {@code apps:} (a list or one object), PM2's
 * legacy {@code pm2:}, a bare list, or a bare app object. PM2's {@code deploy} and {@code static} sections load with
 * a warning; jpm does neither.
 */
final class AppLocator {

  private static final Set<String> TOP_LEVEL = Set.of("apps", "pm2", "deploy", "static", "metrics");

  private AppLocator() {}

  static List<AppNode> locate(SourceTree tree, Problems problems) {
    JsonNode root = tree.root();
    if (root.isArray()) return items(root, "", tree, problems);
    if (!(root instanceof ObjectNode object)) {
      problems.error(tree.valueAt(""), null, null, "expected apps: a list of apps, or an object with 'apps:'");
      return List.of();
    }
    if (TOP_LEVEL.stream().noneMatch(object::has)) return List.of(new AppNode("", object));
    checkTopLevelKeys(object, tree, problems);
    if (object.has("apps") && object.has("pm2")) {
      problems.error(tree.keyAt("/pm2"), null, null, "'pm2' is PM2's old name for 'apps'; use only one of them");
      return List.of();
    }
    String key = object.has("apps") ? "apps" : "pm2";
    JsonNode apps = object.path(key);
    if (apps.isMissingNode()) {
      problems.error(Position.FILE, null, null, "the file has no apps: list them under 'apps:'");
      return List.of();
    }
    if (apps instanceof ObjectNode single) return List.of(new AppNode("/" + key, single));
    if (apps.isArray()) return items(apps, "/" + key, tree, problems);
    problems.error(tree.valueAt("/" + key), null, key, "must be a list of apps or one app object, got "
        + SchemaMessages.shown(apps));
    return List.of();
  }

  private static void checkTopLevelKeys(ObjectNode object, SourceTree tree, Problems problems) {
    for (String key : object.propertyNames()) {
      String pointer = SourceTree.child("", key);
      if (key.equals("deploy") || key.equals("static")) {
        problems.warning(tree.keyAt(pointer), null, key,
            "PM2's '" + key + "' section is not supported by jpm; it is ignored");
      } else if (!TOP_LEVEL.contains(key)) {
        String hint = NearestKey.among(key, TOP_LEVEL).map(near -> "; did you mean " + near + "?")
            .orElse("; the top level may hold apps, pm2, deploy, static and metrics");
        problems.error(tree.keyAt(pointer), null, null, "unknown top-level key '" + key + "'" + hint);
      }
    }
  }

  private static List<AppNode> items(JsonNode list, String pointer, SourceTree tree, Problems problems) {
    List<AppNode> apps = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String item = SourceTree.child(pointer, i);
      if (list.get(i) instanceof ObjectNode app) apps.add(new AppNode(item, app));
      else problems.error(tree.valueAt(item), null, null,
          "each app must be an object with at least 'script', got " + SchemaMessages.shown(list.get(i)));
    }
    return apps;
  }
}
