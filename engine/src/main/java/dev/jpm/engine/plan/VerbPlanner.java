package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans PM2's imperative verbs on instances the daemon already resolved from the user's targets; pure, like {@link
 * Planner}, and its plan is a graph like any other:
 * <ul>
 *   <li>{@code start}: each named instance is started with the app's applied spec, an app's instances in order
 *       (each after the previous one), apps in parallel; nothing waits for a {@code depends_on}: the user named
 *       the instance;</li>
 *   <li>{@code restart}: each named instance is stopped and started again, an app's instances one at a time (each
 *       after the previous one settled), apps in parallel;</li>
 *   <li>{@code stop}: every named instance at once, except that an app's instances wait for those of the named
 *       apps that depend on it ({@code depends_on}): dependents go down first;</li>
 *   <li>{@code delete}: in the same order; an app named as a whole is forgotten with its instances, an instance
 *       named alone is forgotten alone (one after the other), the app keeping its count.</li>
 * </ul>
 * A named instance that is gone from {@code observed} (deleted by a request that ran first) plans nothing.
 */
public final class VerbPlanner {

  /** The imperative verbs; each action's cause is {@code jpm VERB}. */
  public enum Verb {
    START, STOP, RESTART, DELETE;

    String cause() {
      return "jpm " + name().toLowerCase(Locale.ROOT);
    }
  }

  private VerbPlanner() {}

  /**
   * @param targets the named instances by app, in the order the user named them
   * @param wholeApps the apps named as a whole (every instance named): {@code delete} forgets these
   */
  public static Plan plan(Verb verb, Map<String, List<InstanceId>> targets, Set<String> wholeApps,
      ObservedState observed) {
    Objects.requireNonNull(verb, "verb");
    List<AppSpec> apps = new ArrayList<>();
    for (var target : targets.entrySet()) {
      ObservedApp known = observed.apps().get(target.getKey());
      boolean forgotten = verb == Verb.DELETE && wholeApps.contains(target.getKey()); // even with no instance left
      if (known != null && (forgotten || !existing(target.getValue(), known).isEmpty())) apps.add(known.applied());
    }
    StepList steps = new StepList();
    String cause = verb.cause();
    switch (verb) {
      case START -> apps.forEach(app -> inOrder(steps, existing(targets, app, observed),
          id -> new Action.ResumeInstance(id, cause)));
      case RESTART -> apps.forEach(app -> inOrder(steps, existing(targets, app, observed),
          id -> new Action.RelaunchInstance(id, cause)));
      case STOP, DELETE -> {
        for (AppSpec app : DependencyOrder.dependentsFirst(apps)) {
          List<Plan.Wait> dependentsDown = StepList.done(apps.stream().filter(other -> DependencyOrder.dependsOn(other, app))
              .flatMap(other -> steps.of(other.name()).stream()).toList());
          List<InstanceId> ids = existing(targets, app, observed);
          if (verb == Verb.STOP) ids.forEach(id -> steps.add(new Action.StopInstance(id, cause), dependentsDown));
          else if (wholeApps.contains(app.name())) steps.add(new Action.DeleteApp(app.name(), cause), dependentsDown);
          else inOrder(steps, ids, id -> new Action.DeleteInstance(id, cause), dependentsDown);
        }
      }
    }
    return new Plan(steps.steps(), List.of());
  }

  /** One step per instance, each after the previous one of the app. */
  private static void inOrder(StepList steps, List<InstanceId> ids, Function<InstanceId, Action> step) {
    inOrder(steps, ids, step, List.of());
  }

  /** Ditto, the first one after {@code first}. */
  private static void inOrder(StepList steps, List<InstanceId> ids, Function<InstanceId, Action> step,
      List<Plan.Wait> first) {
    List<Plan.Wait> after = first;
    for (InstanceId id : ids) after = List.of(new Plan.Wait.Done(steps.add(step.apply(id), after)));
  }

  private static List<InstanceId> existing(Map<String, List<InstanceId>> targets, AppSpec app, ObservedState observed) {
    return existing(targets.get(app.name()), observed.apps().get(app.name()));
  }

  private static List<InstanceId> existing(List<InstanceId> ids, ObservedApp app) {
    return ids.stream().filter(id -> app.instances().stream().map(ProcessRecord::id).anyMatch(id::equals)).toList();
  }
}
