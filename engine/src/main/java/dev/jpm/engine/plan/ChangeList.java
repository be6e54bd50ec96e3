package dev.jpm.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/** Collects the {@link Change}s of one comparison in the order the fields are compared. */
final class ChangeList {

  private final List<Change> changes = new ArrayList<>();

  /** Records {@code key OLD → NEW} (or {@code key changed} for long values) when the values differ. */
  <T> void compare(String key, T before, T after, Function<? super T, String> text) {
    if (!Objects.equals(before, after)) changes.add(Change.between(key, text.apply(before), text.apply(after)));
  }

  /** Records {@code key changed} without the values: commands and paths are long, and may hold secrets. */
  void compareOpaque(String key, Object before, Object after) {
    if (!Objects.equals(before, after)) changes.add(Change.changed(key));
  }

  /** One change per variable, by name; values are never shown because env often holds credentials. */
  void compareEnv(Map<String, String> before, Map<String, String> after) {
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      String key = "env." + name;
      if (!before.containsKey(name)) changes.add(Change.added(key));
      else if (!after.containsKey(name)) changes.add(Change.removed(key));
      else if (!before.get(name).equals(after.get(name))) changes.add(Change.changed(key));
    }
  }

  int size() {
    return changes.size();
  }

  List<Change> toList() {
    return List.copyOf(changes);
  }
}
