package dev.jpm.engine.json;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * What reading and writing one record class needs, found by reflection once per class: its components in
 * declaration order (the order they are written in) with their JSON names, and its canonical constructor.
 */
final class RecordShape {

  private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
    @Override
    protected RecordShape computeValue(Class<?> type) {
      return new RecordShape(type);
    }
  };

  /**
   * One component.
   *
   * @param name the JSON name
   * @param type the declared type, with its type arguments
   * @param absent the value when the JSON has none (or null where a primitive goes): null, 0 or false
   */
  record Component(String name, Method accessor, Type type, Object absent) {

    Object valueOf(Object record) {
      try {
        return accessor.invoke(record);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(accessor + " failed", e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(accessor + " is not accessible", e);
      }
    }
  }

  private final Class<?> type;
  private final Component[] components;
  private final Map<String, Integer> indexByName = new HashMap<>();
  private final Constructor<?> constructor;

  private RecordShape(Class<?> type) {
    if (!type.isRecord()) throw new IllegalArgumentException(type + " is not a record");
    this.type = type;
    RecordComponent[] declared = type.getRecordComponents();
    components = new Component[declared.length];
    Class<?>[] parameterTypes = new Class<?>[declared.length];
    for (int i = 0; i < declared.length; i++) {
      RecordComponent component = declared[i];
      Method accessor = component.getAccessor();
      accessor.setAccessible(true);
      Class<?> raw = component.getType();
      Object absent = raw.isPrimitive() ? Array.get(Array.newInstance(raw, 1), 0) : null;
      components[i] = new Component(snakeCase(component.getName()), accessor, component.getGenericType(), absent);
      indexByName.put(components[i].name(), i);
      parameterTypes[i] = raw;
    }
    try {
      constructor = type.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type + " has no canonical constructor", e);
    }
  }

  static RecordShape of(Class<?> type) {
    return SHAPES.get(type);
  }

  Class<?> type() {
    return type;
  }

  int size() {
    return components.length;
  }

  Component component(int index) {
    return components[index];
  }

  /** The index of the component written as {@code name}, or -1. */
  int indexOf(String name) {
    Integer index = indexByName.get(name);
    return index == null ? -1 : index;
  }

  /**
   * A record from its component values, where null stands for "absent" (the primitive default for a primitive).
   *
   * @throws InvocationTargetException when the record's constructor refuses the values
   */
  Object build(Object[] values) throws InvocationTargetException {
    for (int i = 0; i < values.length; i++) if (values[i] == null) values[i] = components[i].absent();
    try {
      return constructor.newInstance(values);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot construct " + type, e);
    }
  }

  /**
   * {@code uptimeMs} as {@code uptime_ms}, exactly as Jackson's SNAKE_CASE strategy wrote the names that state
   * files and older peers hold: an underscore before an upper-case letter that follows a lower-case one, so a run
   * of capitals stays one word ({@code aURL} becomes {@code a_url}).
   */
  static String snakeCase(String name) {
    StringBuilder snake = new StringBuilder(name.length() + 4);
    boolean previousUpper = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i == 0 && c == '_') continue;
      if (Character.isUpperCase(c)) {
        if (!previousUpper && !snake.isEmpty() && snake.charAt(snake.length() - 1) != '_') snake.append('_');
        c = Character.toLowerCase(c);
        previousUpper = true;
      } else {
        previousUpper = false;
      }
      snake.append(c);
    }
    return snake.isEmpty() ? name : snake.toString();
  }
}
