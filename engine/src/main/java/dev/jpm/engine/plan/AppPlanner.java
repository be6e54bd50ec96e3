package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.plan.Action.RemoveInstance;
import dev.jpm.engine.plan.Action.RestartInstance;
import dev.jpm.engine.plan.Action.StartInstance;
import dev.jpm.engine.plan.Action.UpdateInPlace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Plans one app of the file against what the daemon knows of it. The steps of one app come in this order:
 * {@code UpdateInPlace} first (processes started later already get the new policy), then removals from the highest
 * index down (an interrupted plan leaves indexes contiguous), then restarts and starts, each in index order.
 */
final class AppPlanner {

  private final AppSpec desired;
  private final AppSpec applied;
  private final String desiredHash;
  private final SpecDiff diff;
  private final boolean requestedOnly;
  private final Map<Integer, ProcessRecord> records = new TreeMap<>();

  private AppPlanner(AppSpec desired, ObservedApp observed, boolean requestedOnly) {
    this.desired = desired;
    this.requestedOnly = requestedOnly;
    this.applied = observed.applied();
    this.desiredHash = desired.specHash();
    this.diff = SpecDiff.between(applied, desired);
    for (ProcessRecord record : observed.instances()) {
      if (record.id().app().equals(desired.name())) records.putIfAbsent(record.id().index(), record);
    }
  }

  /**
   * The steps for {@code desired}; {@code observed} is null when the daemon does not know the app yet. With
   * {@code requestedOnly}, only instances with a pending restart request are planned (see {@link PlanOptions}).
   */
  static List<Action> plan(AppSpec desired, ObservedApp observed, boolean requestedOnly) {
    if (observed == null) return requestedOnly ? List.of() : planNew(desired);
    return new AppPlanner(desired, observed, requestedOnly).planExisting();
  }

  private static List<Action> planNew(AppSpec spec) {
    if (!spec.autostart()) return List.of(new Action.Register(spec, Causes.NOT_AUTOSTARTED));
    return IntStream.range(0, spec.instances())
        .<Action>mapToObj(index -> new StartInstance(spec, index, Causes.NEW_APP))
        .toList();
  }

  private List<Action> planExisting() {
    List<Action> restarts = new ArrayList<>();
    List<Action> starts = new ArrayList<>();
    for (int index = 0; index < desired.instances(); index++) planInstance(index, restarts, starts);
    if (requestedOnly) {
      List<Action> requested = new ArrayList<>(restarts);
      requested.addAll(starts);
      return requested;
    }
    List<Action> removals = removals();

    List<Action> actions = new ArrayList<>();
    updateInPlace(!removals.isEmpty() || !starts.isEmpty(), !restarts.isEmpty() || !starts.isEmpty())
        .ifPresent(actions::add);
    actions.addAll(removals);
    actions.addAll(restarts);
    actions.addAll(starts);
    return actions;
  }

  private List<Action> removals() {
    String cause = isScaled() ? Causes.scale(applied.instances(), desired.instances()) : Causes.EXTRA;
    return records.values().stream()
        .filter(record -> record.id().index() >= desired.instances())
        .sorted(Comparator.comparing(ProcessRecord::id).reversed())
        .<Action>map(record -> new RemoveInstance(record.id(), desired, cause))
        .toList();
  }

  /**
   * A running instance is restarted only when it runs another spec or a restart was requested for it; a stopped,
   * stopping or errored one is started again because {@code apply} is the user asking for the file's state, unless
   * the app opts out with autostart, and also when a restart was requested (a cron starts a stopped app: PM2's
   * one-shot jobs). (Starting a stopping instance means: once its stop has finished.)
   */
  private void planInstance(int index, List<Action> restarts, List<Action> starts) {
    ProcessRecord record = records.get(index);
    if (requestedOnly && (record == null || !record.restartRequested())) return;
    if (record == null) {
      if (desired.autostart()) starts.add(new StartInstance(desired, index, missingCause(index)));
    } else if (record.status().isActive()) {
      if (isStale(record)) restarts.add(new RestartInstance(desired, index, shapeCause()));
      else if (record.restartRequested()) restarts.add(new RestartInstance(desired, index, record.restartRequest()));
    } else if (desired.autostart() || record.restartRequested()) {
      starts.add(new StartInstance(desired, index, stoppedCause(record)));
    }
  }

  private String stoppedCause(ProcessRecord record) {
    String status = record.status().word();
    if (isStale(record)) return status + "; " + shapeCause();
    return record.restartRequested() ? status + "; " + record.restartRequest() : status;
  }

  /**
   * Supervision changes always need an update. Shape and count changes need one only when no process step carries
   * them (an app that does not autostart, or instances already in sync), so the daemon still records the new spec.
   */
  private Optional<Action> updateInPlace(boolean scaleCarried, boolean shapeCarried) {
    List<Object> pending = new ArrayList<>();
    if (!shapeCarried) pending.addAll(diff.shape());
    if (!scaleCarried && isScaled()) pending.add(Causes.scale(applied.instances(), desired.instances()));
    pending.addAll(diff.supervision());
    if (pending.isEmpty()) return Optional.empty();
    return Optional.of(new UpdateInPlace(desired, Causes.list(pending) + ", " + Causes.NO_RESTART));
  }

  private String missingCause(int index) {
    return isScaled() && index >= applied.instances()
        ? Causes.scale(applied.instances(), desired.instances())
        : Causes.MISSING;
  }

  /** Names the changed shape fields; a hash mismatch with no visible change (an old process) is just that. */
  private String shapeCause() {
    return diff.shape().isEmpty() ? Causes.SPEC_CHANGED : Causes.list(diff.shape());
  }

  private boolean isStale(ProcessRecord record) {
    return !desiredHash.equals(record.specHash());
  }

  private boolean isScaled() {
    return applied.instances() != desired.instances();
  }
}
