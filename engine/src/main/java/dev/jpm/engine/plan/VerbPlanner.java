package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans PM2's imperative verbs on instances the daemon already resolved from the user's targets; pure, like {@link
 * Planner}. What each verb does (the CLI prints the executor's progress lines, the reply comes when it is done):
 * <ul>
 *   <li>{@code start}: each named instance is started with the app's applied spec, apps in parallel, an app's
 *       instances in order; the verb returns once they settled;</li>
 *   <li>{@code restart}: each named instance is stopped and started again, one at a time per app (the next once the
 *       previous settled), apps in parallel;</li>
 *   <li>{@code stop}: every named instance at once, but dependents ({@code depends_on}) before what they depend on,
 *       in waves;</li>
 *   <li>{@code delete}: in the same waves; an app named as a whole is forgotten with its instances, an instance
 *       named alone is forgotten alone, the app keeping its count.</li>
 * </ul>
 * A named instance that is gone from {@code observed} (deleted by a request that ran first) plans nothing.
 */
public final class VerbPlanner {

  /** The imperative verbs; each action's cause is {@code jpm VERB}. */
  public enum Verb {
    START, STOP, RESTART, DELETE;

    String cause() {
      return "jpm " + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private VerbPlanner() {}

  /**
   * @param targets the named instances by app, in the order the user named them
   * @param wholeApps the apps named as a whole (every instance named): {@code delete} forgets these
   */
  public static VerbPlan plan(Verb verb, Map<String, List<InstanceId>> targets, Set<String> wholeApps,
      ObservedState observed) {
    Objects.requireNonNull(verb, "verb");
    List<AppSpec> apps = new ArrayList<>();
    for (String app : targets.keySet()) {
      ObservedApp known = observed.apps().get(app);
      boolean forgotten = verb == Verb.DELETE && wholeApps.contains(app); // even with no instance left
      if (known != null && (forgotten || !existing(targets.get(app), known).isEmpty())) apps.add(known.applied());
    }
    String cause = verb.cause();
    return switch (verb) {
      case START -> new VerbPlan(oneWave(apps, app -> lane(existing(targets.get(app.name()), observed),
          id -> new Action.StartInstance(app, id.index(), cause))));
      case RESTART -> new VerbPlan(oneWave(apps, app -> lane(existing(targets.get(app.name()), observed),
          id -> new Action.RelaunchInstance(id, cause))));
      case STOP -> new VerbPlan(inWaves(apps, app -> existing(targets.get(app.name()), observed).stream()
          .map(id -> List.<Action>of(new Action.StopInstance(id, cause))).toList()));
      case DELETE -> new VerbPlan(inWaves(apps, app -> List.of(wholeApps.contains(app.name())
          ? List.of(new Action.DeleteApp(app.name(), cause))
          : lane(existing(targets.get(app.name()), observed), id -> new Action.DeleteInstance(id, cause)))));
    };
  }

  /** One wave with each app's lanes. */
  private static List<List<List<Action>>> oneWave(List<AppSpec> apps,
      Function<AppSpec, List<Action>> laneOf) {
    return apps.isEmpty() ? List.of() : List.of(apps.stream().map(laneOf).toList());
  }

  /** Dependents first, each wave with the lanes of its apps. */
  private static List<List<List<Action>>> inWaves(List<AppSpec> apps,
      Function<AppSpec, List<List<Action>>> lanesOf) {
    return DependencyOrder.dependentsFirstInWaves(apps).stream()
        .map(wave -> wave.stream().flatMap(app -> lanesOf.apply(app).stream()).toList())
        .toList();
  }

  private static List<Action> lane(List<InstanceId> ids, Function<InstanceId, Action> step) {
    return ids.stream().map(step).toList();
  }

  private static List<InstanceId> existing(List<InstanceId> ids, ObservedState observed) {
    ObservedApp app = ids.isEmpty() ? null : observed.apps().get(ids.getFirst().app());
    return app == null ? List.of() : existing(ids, app);
  }

  private static List<InstanceId> existing(List<InstanceId> ids, ObservedApp app) {
    return ids.stream().filter(id -> app.instances().stream().map(ProcessRecord::id).anyMatch(id::equals)).toList();
  }
}
