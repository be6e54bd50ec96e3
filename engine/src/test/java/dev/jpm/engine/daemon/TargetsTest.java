package dev.jpm.engine.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.SpecBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of target, against one table: what each resolves to, and the inputs that are refused. */
class TargetsTest {

  /**
   * api#0..1 (pm_id 0, 1; namespace shop), api-admin#0 (pm_id 5; shop), worker#0..2 (pm_id 2, 3, 7; default), 42#0
   * (an app named by digits; pm_id 8), all in that table.
   */
  private static final ObservedState TABLE = table(
      app("api", "shop", 0, 1),
      app("api-admin", "shop", 5),
      app("worker", "default", 2, 3, 7),
      app("42", "default", 8));

  static Stream<Arguments> targets() {
    return Stream.of(
        // targets, instances (by app in the order first named), apps deleted as a whole
        row("all", "42#0 api#0 api#1 api-admin#0 worker#0 worker#1 worker#2", "42 api api-admin worker"), // table order
        row("api", "api#0 api#1", "api"),
        row("api#1", "api#1", ""),
        row("api#0 api#1", "api#0 api#1", "api"), // every instance named one by one: the whole app
        row("3", "worker#1", ""),
        row("7 2", "worker#0 worker#2", ""),
        row("007", "worker#2", ""), // a pm_id written with leading zeros
        row("42", "42#0", "42"), // no pm_id 42: the app named 42
        row("8", "42#0", "42"), // pm_id first, as PM2; its app's only instance: the whole app
        row("shop", "api#0 api#1 api-admin#0", "api api-admin"),
        row("default", "42#0 worker#0 worker#1 worker#2", "worker 42"),
        row("/^api/", "api#0 api#1 api-admin#0", "api api-admin"),
        row("/admin$/", "api-admin#0", "api-admin"),
        row("/ork/", "worker#0 worker#1 worker#2", "worker"),
        row("worker#1 api 3", "worker#1 api#0 api#1", "api"), // repeats are one
        row("api-admin worker#2 shop", "api-admin#0 worker#2 api#0 api#1", "api-admin api"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void resolves(String targets, String instances, String wholeApps) {
    Targets.Resolved resolved = Targets.resolve(words(targets), TABLE);

    assertThat(resolved.instances().stream().map(InstanceId::toString).toList()).isEqualTo(words(instances));
    assertThat(List.copyOf(resolved.wholeApps())).containsExactlyInAnyOrderElementsOf(words(wholeApps));
  }

  static Stream<Arguments> unmatched() {
    return Stream.of(
        row("nope", "'nope'"),
        row("99", "'99'"),
        row("api#7", "'api#7'"),
        row("/^zzz/", "'/^zzz/'"),
        row("api nope 99", "'nope', '99'"), // every unmatched target named, none resolved
        row("Shop", "'Shop'")); // namespaces and names are case-sensitive, as in PM2
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unmatched")
  void aTargetThatMatchesNothingIsNamed(String targets, String named) {
    assertThatThrownBy(() -> Targets.resolve(words(targets), TABLE))
        .isInstanceOf(ImperativeVerbs.NotFound.class)
        .hasMessageStartingWith("process or namespace not found: " + named + " matches no app");
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        row("/[/", "target /[/ is not a valid regular expression"),
        row("api#x", "expected NAME#INDEX with a number after '#', got 'api#x'"),
        row(" ", "an empty target"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void aMalformedTargetIsRefusedWithWhatIsWrong(String target, String message) {
    assertThatThrownBy(() -> Targets.resolve(List.of(target), TABLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void allOfAnEmptyTableIsNothingAndNoTargetIsRefused() {
    assertThat(Targets.resolve(List.of("all"), new ObservedState(Map.of())).instances()).isEmpty();
    assertThatThrownBy(() -> Targets.resolve(List.of(), TABLE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name a target");
  }

  @org.junit.jupiter.api.Test
  void singleNamesTheCountAndWhatToGiveWhenATargetMatchesSeveral() {
    assertThat(Targets.resolve(List.of("5"), TABLE).single("env", "5")).isEqualTo(new InstanceId("api-admin", 0));
    assertThatThrownBy(() -> Targets.resolve(List.of("api"), TABLE).single("env", "api"))
        .hasMessage("env takes one instance; 'api' matches 2 ([api#0, api#1]): give its pm_id or NAME#INDEX");
  }

  private static Arguments row(Object... values) {
    return Arguments.of(values);
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" "));
  }

  private static ObservedApp app(String name, String namespace, int... pmIds) {
    AppSpec spec = SpecBuilder.app(name).namespace(namespace).instances(pmIds.length).build();
    List<ProcessRecord> records = new ArrayList<>();
    for (int i = 0; i < pmIds.length; i++)
      records.add(new ProcessRecord(new InstanceId(name, i), ProcessStatus.ONLINE, 1000 + pmIds[i], 1, "h", 1, 0, 0,
          null, null, null, null, 0, pmIds[i]));
    return new ObservedApp(spec, records);
  }

  private static ObservedState table(ObservedApp... apps) {
    Map<String, ObservedApp> byName = new LinkedHashMap<>();
    for (ObservedApp app : apps) byName.put(app.applied().name(), app);
    return new ObservedState(byName);
  }
}
