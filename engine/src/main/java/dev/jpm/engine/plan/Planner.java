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
    List<Action> actions = new ArrayList<>();
    List<AppSpec> wanted = desired.apps().stream().filter(app -> options.includes(app.name())).toList();
    for (AppSpec app : DependencyOrder.dependenciesFirst(wanted)) {
      actions.addAll(AppPlanner.plan(app, observed.apps().get(app.name()), options.requestedRestartsOnly()));
    }
    List<String> notes = new ArrayList<>();
    if (options.requestedRestartsOnly()) return new Plan(actions, List.of());
    for (AppSpec orphan : DependencyOrder.dependentsFirst(orphans(desired, observed, options))) {
      if (options.prune()) actions.add(new Action.DeleteApp(orphan.name(), Causes.PRUNED));
      else notes.add(Causes.notPruned(orphan.name(), desired.source()));
    }
    return new Plan(actions, notes);
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
