package dev.jpm.engine.plan;

import static dev.jpm.engine.plan.ProcessTable.file;
import static dev.jpm.engine.plan.ProcessTable.running;
import static dev.jpm.engine.plan.ProcessTable.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.SpecFields;
import dev.jpm.engine.model.Traffic;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The restart-forcing fields are declared once ({@link SpecFields}) and both the hash and the plan follow: each field
 * of AppSpec is declared, each shape field's change plans a restart, each supervision field's an update in place.
 * Values are varied by reflection, so a new field is covered the day it is added.
 */
class SpecFieldsTest {

  private static final AppSpec BASE = SpecBuilder.app("api").instances(2).env("DB_URL", "postgres://db/shop").build();

  @Test
  void everyFieldIsEitherShapeOrDeclaredSupervisionOnly() {
    for (String field : SpecFields.all()) {
      long declared = Stream.of(SpecFields.SHAPE, SpecFields.SUPERVISION_ONLY, SpecFields.NOT_COMPARED)
          .filter(list -> list.contains(field)).count();
      assertThat(declared).as("%s must be declared in SpecFields as SHAPE (a change restarts) or SUPERVISION_ONLY "
          + "(a change is applied in place), once", field).isEqualTo(1);
    }
    Stream.of(SpecFields.SHAPE, SpecFields.SUPERVISION_ONLY, SpecFields.NOT_COMPARED).flatMap(List::stream)
        .forEach(field -> assertThat(SpecFields.all()).as("declared field %s exists", field).contains(field));
    assertThat(SpecFields.shape()).as("nothing undeclared").isEqualTo(SpecFields.SHAPE);
  }

  static Stream<String> shapeFields() {
    return SpecFields.shape().stream();
  }

  static Stream<String> supervisionFields() {
    return SpecFields.SUPERVISION_ONLY.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapeFields")
  void aChangeOfAShapeFieldRestartsEveryInstance(String field) {
    AppSpec changed = vary(BASE, field);
    if (SpecFields.IN_COMMAND.contains(field)) changed = with(changed, "command", List.of("/bin/sh", "-c", field));

    Plan plan = Planner.plan(file(changed), table(running(BASE)), PlanOptions.DEFAULT);

    assertThat(changed.specHash()).as(field).isNotEqualTo(BASE.specHash());
    assertThat(plan.lines()).as(field).hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("~ restart api#").doesNotContain("spec changed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("supervisionFields")
  void aChangeOfASupervisionFieldIsAnUpdateInPlace(String field) {
    AppSpec changed = vary(BASE, field);

    Plan plan = Planner.plan(file(changed), table(running(BASE)), PlanOptions.DEFAULT);

    assertThat(changed.specHash()).as(field).isEqualTo(BASE.specHash());
    assertThat(plan.lines()).as(field).singleElement()
        .satisfies(line -> assertThat(line).startsWith("= update api (").endsWith(", no restart)"));
  }

  /** {@code spec} with {@code field} ({@code traffic.NAME} inside traffic) set to another valid value. */
  private static AppSpec vary(AppSpec spec, String field) {
    if (field.startsWith("traffic.")) return with(spec, "traffic", varyComponent(spec.traffic(), field.substring(8)));
    RecordComponent component = component(AppSpec.class, field);
    return with(spec, field, other(SpecFields.value(spec, field), component.getType(), component.getGenericType()));
  }

  private static Record varyComponent(Record record, String name) {
    RecordComponent component = component(record.getClass(), name);
    return rebuild(record, name, other(read(record, component), component.getType(), component.getGenericType()));
  }

  /** A value of {@code type} other than {@code value}; a record gets the first of its components that can vary. */
  private static Object other(Object value, Class<?> type, Type generic) {
    if (type == String.class) return value == null ? "other" : value + "-other";
    if (type == int.class || type == Integer.class) return value == null ? 4242 : (Integer) value + 1;
    if (type == long.class || type == Long.class) return value == null ? 4242L : (Long) value + 1000;
    if (type == boolean.class || type == Boolean.class) return !(Boolean) value;
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[(((Enum<?>) value).ordinal() + 1) % constants.length];
    }
    if (Map.class.isAssignableFrom(type)) {
      Map<Object, Object> map = new LinkedHashMap<>((Map<?, ?>) value);
      map.put("OTHER", "1");
      return map;
    }
    if (Collection.class.isAssignableFrom(type)) {
      Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
      Object item = element == Dependency.class ? new Dependency("other", Dependency.Condition.READY)
          : other(null, (Class<?>) element, element);
      List<Object> items = new ArrayList<>(value == null ? List.of() : (Collection<?>) value);
      items.add(item);
      return Set.class.isAssignableFrom(type) ? Set.copyOf(items) : List.copyOf(items);
    }
    if (value == null) return sample(type);
    if (type.isRecord()) {
      Record record = (Record) value;
      for (RecordComponent component : type.getRecordComponents()) {
        try {
          return rebuild(record, component.getName(),
              other(read(record, component), component.getType(), component.getGenericType()));
        } catch (RuntimeException invalid) {
          // this component cannot vary alone (an invariant of the record): try the next one
        }
      }
    }
    throw new IllegalStateException("no other value for " + generic + " " + value + ": teach SpecFieldsTest one");
  }

  /** A value for a record field that is null in the base spec (run_as, cron_restart...). */
  private static Object sample(Class<?> type) {
    if (type == dev.jpm.engine.model.RunAs.class) return new dev.jpm.engine.model.RunAs("nobody", null);
    if (type == dev.jpm.engine.model.CronSchedule.class) return dev.jpm.engine.model.CronSchedule.parse("0 3 * * *");
    if (type == dev.jpm.engine.model.HealthCheck.class) return new dev.jpm.engine.model.HealthCheck(
        dev.jpm.engine.model.HealthCheck.Type.HTTP, "/health", null, 1000, 1000, 1, 3, 0);
    throw new IllegalStateException("no sample of " + type.getSimpleName() + ": teach SpecFieldsTest one");
  }

  static AppSpec with(AppSpec spec, String field, Object value) {
    return (AppSpec) rebuild(spec, field, value);
  }

  private static Record rebuild(Record record, String field, Object value) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = components[i].getName().equals(field) ? value : read(record, components[i]);
    }
    try {
      Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
      Record rebuilt = (Record) canonical.newInstance(values);
      if (Objects.equals(rebuilt, record)) throw new IllegalArgumentException(field + " did not change");
      return rebuilt;
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RecordComponent component(Class<?> type, String name) {
    return Stream.of(type.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  private static Object read(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theHashIsTheOneEarlierReleasesComputedSoAnUpgradeRestartsNothing() {
    AppSpec reusingAsNobody = vary(vary(BASE, "traffic.reusePort"), "runAs");
    for (AppSpec spec : List.of(BASE, vary(BASE, "port"), reusingAsNobody, vary(BASE, "image")))
      assertThat(spec.specHash()).isEqualTo(hashAsReleased(spec));
  }

  /** The hash as AppSpec computed it before SpecFields existed (commit adbafc6), kept here as the reference. */
  private static String hashAsReleased(AppSpec spec) {
    StringBuilder canonical = new StringBuilder();
    canonical.append("command=").append(spec.command()).append('\n');
    canonical.append("cwd=").append(spec.cwd()).append('\n');
    spec.env().forEach((k, v) -> canonical.append("env.").append(k).append('=').append(v).append('\n'));
    canonical.append("instanceVar=").append(spec.instanceVar()).append('\n');
    canonical.append("incrementVar=").append(spec.incrementVar()).append('\n');
    canonical.append("port=").append(spec.port()).append('\n');
    canonical.append("execMode=").append(spec.execMode()).append('\n');
    if (spec.traffic().reusePort()) canonical.append("reusePort=true\n");
    if (spec.runAs() != null) canonical.append("runAs=").append(spec.runAs()).append('\n');
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void trafficIsSplitNotDeclaredWhole() {
    assertThat(SpecFields.all()).doesNotContain("traffic")
        .contains(Stream.of(Traffic.class.getRecordComponents()).map(c -> "traffic." + c.getName())
            .toArray(String[]::new));
  }
}
