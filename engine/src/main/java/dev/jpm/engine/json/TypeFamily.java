package dev.jpm.engine.json;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A sealed interface whose records travel with a {@code "type"} property naming which one they are: the one place
 * where those names are written down. Every permitted subtype must be named, so a record added to the interface
 * and forgotten here fails at the first use instead of on the wire.
 *
 * @param base the sealed interface
 * @param byName each subtype by its name on the wire
 */
public record TypeFamily<T>(Class<T> base, Map<String, Class<? extends T>> byName) {

  /** The property that names the subtype. */
  public static final String PROPERTY = "type";

  public TypeFamily {
    byName = Map.copyOf(byName);
    Set<Class<?>> named = Set.copyOf(byName.values());
    if (named.size() != byName.size()) throw new IllegalArgumentException(base + ": a subtype has two names");
    Set<String> unnamed = java.util.Arrays.stream(base.getPermittedSubclasses())
        .filter(subtype -> !named.contains(subtype))
        .map(Class::getName)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (!unnamed.isEmpty()) throw new IllegalArgumentException(base + ": no type name for " + unnamed);
  }

  /** The name each subtype is written with. */
  Map<Class<?>, String> names() {
    Map<Class<?>, String> names = new HashMap<>();
    byName.forEach((name, subtype) -> names.put(subtype, name));
    return names;
  }
}
