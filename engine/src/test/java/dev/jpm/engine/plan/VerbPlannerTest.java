package dev.jpm.engine.plan;

import static dev.jpm.engine.model.ProcessStatus.ONLINE;
import static dev.jpm.engine.model.ProcessStatus.STOPPED;
import static dev.jpm.engine.plan.ProcessTable.instance;
import static dev.jpm.engine.plan.ProcessTable.observed;
import static dev.jpm.engine.plan.ProcessTable.running;
import static dev.jpm.engine.plan.ProcessTable.table;
import static dev.jpm.engine.plan.SpecBuilder.app;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.plan.VerbPlanner.Verb;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Golden plans of the imperative verbs: the steps and the edges between them ({@code after}). */
class VerbPlannerTest {

  private static final AppSpec DB = app("db").build();
  private static final AppSpec API = app("api").instances(2).dependsOn("db").build();
  private static final AppSpec WEB = app("web").dependsOn("api").build();
  private static final AppSpec CRON = app("cron").build();
  private static final ObservedState TABLE = table(running(DB), running(API), running(WEB), running(CRON));

  /** Every instance of each app, in the order given. */
  private static Map<String, List<InstanceId>> whole(AppSpec... apps) {
    Map<String, List<InstanceId>> targets = new LinkedHashMap<>();
    for (AppSpec app : apps)
      targets.put(app.name(), IntStream.range(0, app.instances()).mapToObj(i -> new InstanceId(app.name(), i)).toList());
    return targets;
  }

  private static Set<String> names(AppSpec... apps) {
    return Arrays.stream(apps).map(AppSpec::name).collect(Collectors.toSet());
  }

  private static String plan(Verb verb, Map<String, List<InstanceId>> targets, Set<String> wholeApps) {
    return VerbPlanner.plan(verb, targets, wholeApps, TABLE).toString();
  }

  @Test
  void stopTakesDependentsDownFirstAndTheRestAtOnce() {
    assertThat(plan(Verb.STOP, whole(DB, API, WEB, CRON), names(DB, API, WEB, CRON))).isEqualTo("""
        - stop web#0 (jpm stop)
        - stop api#0 (jpm stop) after web#0
        - stop api#1 (jpm stop) after web#0
        - stop db#0 (jpm stop) after api#0, api#1
        - stop cron#0 (jpm stop)""");
  }

  @Test
  void onlyDependenciesAmongTheNamedAppsOrderAStop() {
    assertThat(plan(Verb.STOP, whole(DB, CRON), names(DB, CRON))).isEqualTo("""
        - stop db#0 (jpm stop)
        - stop cron#0 (jpm stop)""");
  }

  @Test
  void deleteForgetsWholeAppsAndSingleInstancesDependentsFirst() {
    Map<String, List<InstanceId>> targets = new LinkedHashMap<>(whole(DB));
    targets.put("api", List.of(new InstanceId("api", 0), new InstanceId("api", 1)));

    assertThat(plan(Verb.DELETE, targets, names(DB))).isEqualTo("""
        - delete api#0 (jpm delete)
        - delete api#1 (jpm delete) after api#0
        - delete db (jpm delete) after api#0, api#1""");
  }

  @Test
  void restartGoesOneInstanceAtATimePerAppAndAppsTogether() {
    assertThat(plan(Verb.RESTART, whole(API, CRON), names(API, CRON))).isEqualTo("""
        ~ restart api#0 (jpm restart) [stop, then start]
        ~ restart api#1 (jpm restart) [stop, then start] after api#0
        ~ restart cron#0 (jpm restart) [stop, then start]""");
  }

  @Test
  void startNamesEachInstanceAndWaitsForNoDependency() {
    ObservedState stopped = table(running(DB), observed(API, instance(API, 0, ONLINE), instance(API, 1, STOPPED)));

    assertThat(VerbPlanner.plan(Verb.START, Map.of("api", List.of(new InstanceId("api", 1))), Set.of(), stopped)
        .toString()).isEqualTo("+ start api#1 (jpm start)");
  }

  @Test
  void targetsGoneMeanwhilePlanNothing() {
    Map<String, List<InstanceId>> targets = Map.of("gone", List.of(new InstanceId("gone", 0)),
        "api", List.of(new InstanceId("api", 7)));

    assertThat(VerbPlanner.plan(Verb.STOP, targets, Set.of(), TABLE).isEmpty()).isTrue();
  }

  @Test
  void deletingAnAppWithNoInstanceLeftStillForgetsIt() {
    assertThat(VerbPlanner.plan(Verb.DELETE, Map.of("db", List.of()), Set.of("db"), table(observed(DB))).toString())
        .isEqualTo("- delete db (jpm delete)");
  }
}
