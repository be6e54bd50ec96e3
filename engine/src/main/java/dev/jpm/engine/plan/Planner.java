package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides how to bring the process table to what one ecosystem file asks for. A pure function: no I/O, no clock,
 * no logging; the same inputs always give the same plan, in the same order.
 *
 * <p>Order of the plan: the file's apps in dependency order (ties in file order), each with its own steps (see
 * {@link AppPlanner}); then the apps this file once applied and no longer lists, dependents first (ties by name),
 * deleted with {@code --prune} or else only noted. Apps from another file or started by hand are never touched.
 *
 * <p>The executor records the desired spec as applied for every app it acts on; runtime facts (pid, restarts,
 * uptime, exit codes) never produce a step, so the plan right after a successful apply is empty.
 */
public final class Planner {

  private Planner() {}

  public static Plan plan(DesiredState desired, ObservedState observed, PlanOptions options) {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(options, "options");
    StepList steps = new StepList();
    List<AppSpec> wanted = desired.apps().stream().filter(app -> options.includes(app.name())).toList();
    for (AppSpec app : DependencyOrder.dependenciesFirst(wanted)) {
      for (Action action : AppPlanner.plan(app, observed.apps().get(app.name()), options.requestedRestartsOnly()))
        add(steps, action);
    }
    List<String> notes = new ArrayList<>();
    if (options.requestedRestartsOnly()) return new Plan(steps.steps(), List.of());
    List<AppSpec> orphans = DependencyOrder.dependentsFirst(orphans(desired, observed, options));
    for (AppSpec orphan : orphans) {
      if (options.prune()) steps.add(new Action.DeleteApp(orphan.name(), Causes.PRUNED), StepList.done(
          orphans.stream().filter(other -> DependencyOrder.dependsOn(other, orphan))
              .flatMap(other -> steps.of(other.name()).stream()).toList()));
      else notes.add(Causes.notPruned(orphan.name(), desired.source()));
    }
    return new Plan(steps.steps(), notes);
  }

  /**
   * Adds one step of an app of the file with what it waits for. An app's removals go one after the other, highest
   * index first, and its other process steps wait for them (capacity never dips below the new count plus the
   * replacements); its restarts roll as one group with the app's surge window; a start waits until each app it
   * depends on is started or ready (that app's steps in this plan done first). Apps that do not depend on each other
   * proceed in parallel; an update in place waits for nothing (the steps that launch register the new spec too).
   */
  private static void add(StepList steps, Action action) {
    List<Integer> removals = steps.of(action.app()).stream()
        .filter(i -> steps.action(i) instanceof Action.RemoveInstance).toList();
    List<Plan.Wait> afterRemovals = removals.isEmpty() ? List.of() : StepList.done(List.of(removals.getLast()));
    switch (action) {
      case Action.RemoveInstance remove -> steps.add(remove, afterRemovals);
      case Action.RestartInstance restart -> steps.add(restart, afterRemovals, new Plan.RolloutGroup(restart.app(),
          restart.spec().traffic().maxSurge(), restart.spec().traffic().maxUnavailable()));
      case Action.StartInstance start -> {
        List<Plan.Wait> after = new ArrayList<>(afterRemovals);
        start.spec().dependsOn().forEach(dependency -> after.add(new Plan.Wait.Ready(dependency.app(),
            dependency.condition(), steps.of(dependency.app()))));
        steps.add(start, after);
      }
      default -> steps.add(action, List.of());
    }
  }

  /**
   * Apps whose last apply came from this very file and that it no longer lists, by name. Only the file's own
   * inventory is a candidate: an app with another source or none (started by hand) is never pruned.
   */
  private static List<AppSpec> orphans(DesiredState desired, ObservedState observed, PlanOptions options) {
    if (desired.source() == null) return List.of();
    Set<String> listed = desired.apps().stream().map(AppSpec::name).collect(Collectors.toSet());
    return observed.apps().values().stream()
        .map(ObservedApp::applied)
        .filter(applied -> desired.source().equals(applied.source()))
        .filter(applied -> !listed.contains(applied.name()) && options.includes(applied.name()))
        .toList();
  }
}
