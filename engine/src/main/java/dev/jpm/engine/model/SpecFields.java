package dev.jpm.engine.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one declaration of which {@link AppSpec} fields force a restart. A field is named by its record component
 * ({@code cwd}), or {@code traffic.NAME} for the components of {@link Traffic}, whose {@code reusePort} shapes the
 * process while the rest only steers traffic. {@link AppSpec#specHash()} and the planner's diff are both derived from
 * it, so they cannot disagree: a field that is neither {@link #SHAPE} nor {@link #SUPERVISION_ONLY} nor {@link
 * #NOT_COMPARED} counts as shape (a new field restarts by default), and {@code SpecFieldsTest} asks whoever adds one
 * to declare it.
 */
public final class SpecFields {

  /** The app's identity and its count: a count change is a scale, which the planner handles on its own. */
  public static final List<String> NOT_COMPARED = List.of("name", "instances");

  /** What the process is: a change restarts the instances. In the order the diff names them. */
  public static final List<String> SHAPE = List.of("script", "args", "interpreter", "interpreterArgs", "command",
      "cwd", "env", "instanceVar", "incrementVar", "port", "execMode", "traffic.reusePort", "traffic.socketActivation",
      "runAs");

  /** How jpm looks after the process: a change is applied in place. In the order the diff names them. */
  public static final List<String> SUPERVISION_ONLY = List.of("restart", "stop", "listenTimeoutMs", "maxMemoryBytes",
      "cronRestart", "watch", "ignoreWatch", "watchDelayMs", "logs", "dependsOn", "secretEnv", "autostart",
      "traffic.host", "traffic.proxyProtocol", "traffic.healthCheck", "traffic.readyPattern", "traffic.waitReady",
      "traffic.maxSurge", "traffic.maxUnavailable", "traffic.drainTimeoutMs", "namespace", "image", "versioning",
      "source");

  /** Shape fields the hash covers through {@code command}, the argv built from them. */
  public static final Set<String> IN_COMMAND = Set.of("script", "args", "interpreter", "interpreterArgs");

  /**
   * Hashed always, in this order: the fields of the first hash. Every other shape field enters the hash only when it
   * is set, so that a hash computed before the field existed stays the same (and running apps are not restarted by
   * an upgrade of jpm).
   */
  static final List<String> HASHED_ALWAYS = List.of("command", "cwd", "env", "instanceVar", "incrementVar", "port",
      "execMode");

  private static final String NESTED = "traffic";
  // Each read took the record's components afresh: Class.getRecordComponents builds a new array of them, with their
  // signatures, on every call, and a spec hash reads ~20 fields (~0.6 ms a launch in a 300-app apply's profile).
  private static final Map<String, Method> APP_SPEC = accessors(AppSpec.class);
  private static final Map<String, Method> TRAFFIC = accessors(Traffic.class);
  private static final List<String> ALL = listAll();
  private static final List<String> SHAPE_AND_UNDECLARED = listShape();

  private SpecFields() {}

  /** Every field of an app spec, {@code traffic} split into its components, in record order. */
  public static List<String> all() {
    return ALL;
  }

  private static List<String> listAll() {
    List<String> fields = new ArrayList<>();
    for (RecordComponent component : AppSpec.class.getRecordComponents()) {
      if (component.getName().equals(NESTED))
        Stream.of(Traffic.class.getRecordComponents()).forEach(c -> fields.add(NESTED + "." + c.getName()));
      else fields.add(component.getName());
    }
    return List.copyOf(fields);
  }

  /** The fields whose change restarts: the declared shape, then any field declared nowhere, in record order. */
  public static List<String> shape() {
    return SHAPE_AND_UNDECLARED;
  }

  private static List<String> listShape() {
    List<String> shape = new ArrayList<>(SHAPE);
    ALL.stream().filter(f -> !shape.contains(f) && !SUPERVISION_ONLY.contains(f) && !NOT_COMPARED.contains(f))
        .forEach(shape::add);
    return List.copyOf(shape);
  }

  /** The value of {@code field} in {@code spec}. */
  public static Object value(AppSpec spec, String field) {
    if (field.startsWith(NESTED + "."))
      return read(TRAFFIC, Traffic.class, spec.traffic(), field.substring(NESTED.length() + 1));
    return read(APP_SPEC, AppSpec.class, spec, field);
  }

  /** The text the hash digests: the always-hashed fields, then each other shape field that is set. */
  static String canonical(AppSpec spec) {
    StringBuilder canonical = new StringBuilder();
    for (String field : HASHED_ALWAYS) {
      if (field.equals("env")) spec.env().forEach((k, v) -> canonical.append("env.").append(k).append('=').append(v)
          .append('\n'));
      else canonical.append(field).append('=').append(value(spec, field)).append('\n');
    }
    for (String field : shape()) {
      if (HASHED_ALWAYS.contains(field) || IN_COMMAND.contains(field)) continue;
      Object value = value(spec, field);
      if (isSet(value))
        canonical.append(field.substring(field.indexOf('.') + 1)).append('=').append(value).append('\n');
    }
    return canonical.toString();
  }

  private static boolean isSet(Object value) {
    return switch (value) {
      case null -> false;
      case Boolean flag -> flag;
      case Number number -> number.longValue() != 0;
      case Collection<?> items -> !items.isEmpty();
      case Map<?, ?> entries -> !entries.isEmpty();
      default -> true;
    };
  }

  private static Map<String, Method> accessors(Class<? extends Record> type) {
    Map<String, Method> accessors = new HashMap<>();
    for (RecordComponent component : type.getRecordComponents())
      accessors.put(component.getName(), component.getAccessor());
    return Map.copyOf(accessors);
  }

  private static Object read(Map<String, Method> accessors, Class<?> type, Record record, String name) {
    Method accessor = accessors.get(name);
    if (accessor == null) throw new IllegalArgumentException(type.getSimpleName() + " has no field " + name);
    try {
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + name, e);
    }
  }
}
