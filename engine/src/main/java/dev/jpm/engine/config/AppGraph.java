package dev.jpm.engine.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks that span apps: names are unique in the file, every {@code depends_on} names an app of the file, and the
 * dependencies form no cycle. Works on the canonical trees so that it also reports apps that failed other checks.
 */
final class AppGraph {

  private record Named(String name, AppNode app, AppScope scope) {}

  private final Map<String, Named> byName = new LinkedHashMap<>();

  private AppGraph() {}

  static void check(List<AppNode> apps, List<AppScope> scopes) {
    AppGraph graph = new AppGraph();
    for (int i = 0; i < apps.size(); i++) graph.add(apps.get(i), scopes.get(i));
    graph.checkDependencies();
    graph.checkCycles();
  }

  private void add(AppNode app, AppScope scope) {
    String name = scope.name();
    if (name == null) return;
    Named first = byName.putIfAbsent(name, new Named(name, app, scope));
    if (first != null) {
      Position firstAt = first.scope().tree().valueAt(first.scope().member("name"));
      String where = firstAt.line() > 0 ? " (first defined at line " + firstAt.line() + ")" : "";
      scope.error(app.node().has("name") ? "name" : "script", "duplicate app name \"" + name + "\"" + where);
    }
  }

  private void checkDependencies() {
    for (Named named : byName.values()) {
      List<String> deps = dependencyNames(named.app().node().path("depends_on"));
      for (int i = 0; i < deps.size(); i++) {
        String dep = deps.get(i);
        if (dep == null || byName.containsKey(dep)) continue;
        String hint = NearestKey.among(dep, byName.keySet()).map(near -> "; did you mean " + near + "?").orElse("");
        named.scope().error("depends_on[" + i + "]", "unknown app \"" + dep + "\"" + hint);
      }
    }
  }

  private void checkCycles() {
    Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the current path, 2: done
    for (String name : byName.keySet()) visit(name, new ArrayList<>(), state);
  }

  private void visit(String name, List<String> path, Map<String, Integer> state) {
    Integer seen = state.get(name);
    if (seen != null && seen == 2) return;
    path.add(name);
    if (seen != null) { // back on the current path: a cycle, reported once at the app that closes it
      List<String> cycle = path.subList(path.indexOf(name), path.size());
      Named closing = byName.get(path.get(path.size() - 2));
      closing.scope().error("depends_on", "dependency cycle: " + String.join(" -> ", cycle));
      path.removeLast();
      return;
    }
    state.put(name, 1);
    for (String dep : dependencyNames(byName.get(name).app().node().path("depends_on"))) {
      if (dep != null && byName.containsKey(dep)) visit(dep, path, state);
    }
    state.put(name, 2);
    path.removeLast();
  }

  private static List<String> dependencyNames(JsonNode dependsOn) {
    List<String> names = new ArrayList<>();
    for (JsonNode dep : dependsOn) {
      if (dep.isString()) names.add(dep.asString());
      else names.add(dep.path("app").isString() ? dep.path("app").asString() : null);
    }
    return names;
  }
}
