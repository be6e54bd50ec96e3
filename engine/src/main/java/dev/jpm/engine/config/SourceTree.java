package dev.jpm.engine.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A parsed file as a Jackson tree (what the schema validator reads) plus where each node came from, keyed by JSON
 * pointer. Keys and values are marked separately: an unknown key is reported at the key, a bad value at the value.
 * Renaming a key (PM2 alias to canonical) moves its marks so later problems still point into the file.
 */
final class SourceTree {

  private final JsonNode root;
  private final Map<String, Position> values;
  private final Map<String, Position> keys;

  SourceTree(JsonNode root, Map<String, Position> values, Map<String, Position> keys) {
    this.root = root;
    this.values = new HashMap<>(values);
    this.keys = new HashMap<>(keys);
  }

  /** The same marks over another root (a part of this tree, re-rooted without moving its pointers). */
  SourceTree withRoot(JsonNode newRoot) {
    return new SourceTree(newRoot, values, keys);
  }

  JsonNode root() {
    return root;
  }

  /** Where the value at {@code pointer} starts, or the nearest marked ancestor's position. */
  Position valueAt(String pointer) {
    for (String p = pointer; ; p = parent(p)) {
      Position found = values.get(p);
      if (found != null) return found;
      if (p.isEmpty()) return Position.FILE;
    }
  }

  /** Where the key of the member at {@code pointer} is written, else where its value is. */
  Position keyAt(String pointer) {
    Position key = keys.get(pointer);
    return key != null ? key : valueAt(pointer);
  }

  /** Moves the marks of a member and everything below it, after the member was renamed from {@code from} to {@code to}. */
  void move(String from, String to) {
    for (Map<String, Position> marks : List.of(values, keys)) {
      Map<String, Position> moved = new HashMap<>();
      marks.entrySet().removeIf(e -> {
        String p = e.getKey();
        if (!p.equals(from) && !p.startsWith(from + "/")) return false;
        moved.put(to + p.substring(from.length()), e.getValue());
        return true;
      });
      marks.putAll(moved);
    }
  }

  static String child(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  static String parent(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? "" : pointer.substring(0, slash);
  }
}
