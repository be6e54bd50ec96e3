package dev.jpm.engine.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An app's declared environment for one {@code --env} profile: {@code env_<profile>} merged over {@code env}, then
 * {@code ${VAR}} references resolved from the caller's variables. Values become strings as PM2 makes them: numbers
 * and booleans as written, objects and lists as JSON. A {@code null} value removes the variable, so a profile can
 * unset what {@code env} sets.
 */
final class ProfileResolver {

  private static final String PROFILE_PREFIX = "env_";

  private ProfileResolver() {}

  /** The profiles the apps define ({@code env_production} gives {@code production}), sorted. */
  static Set<String> profiles(List<AppNode> apps) {
    Set<String> profiles = new TreeSet<>();
    for (AppNode app : apps) {
      for (String key : app.node().propertyNames()) {
        if (key.startsWith(PROFILE_PREFIX) && key.length() > PROFILE_PREFIX.length())
          profiles.add(key.substring(PROFILE_PREFIX.length()));
      }
    }
    return profiles;
  }

  static Map<String, String> resolve(ObjectNode app, String profile, Map<String, String> variables, AppScope scope) {
    // Merge the raw values first: a reference that the profile overrides must not count as unset.
    Map<String, Declared> declared = new LinkedHashMap<>();
    merge(declared, app.path("env"), "env", scope);
    if (profile != null) merge(declared, app.path(PROFILE_PREFIX + profile), PROFILE_PREFIX + profile, scope);
    Map<String, String> env = new LinkedHashMap<>();
    declared.forEach((name, value) -> env.put(name, VariableReferences.expand(value.text(), variables,
        unset -> scope.errorAt(value.pointer(), value.field(), "${" + unset
            + "} is not set and has no default (export " + unset + ", or write ${" + unset + ":-default})"))));
    return env;
  }

  private record Declared(String text, String pointer, String field) {}

  private static void merge(Map<String, Declared> env, JsonNode section, String key, AppScope scope) {
    if (!(section instanceof ObjectNode object)) return;
    for (var entry : object.properties()) {
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        env.remove(name);
        continue;
      }
      String text = value.isValueNode() ? value.asString() : value.toString();
      String pointer = SourceTree.child(SourceTree.child(scope.pointer(), key), name);
      env.put(name, new Declared(text, pointer, key + "." + name));
    }
  }
}
