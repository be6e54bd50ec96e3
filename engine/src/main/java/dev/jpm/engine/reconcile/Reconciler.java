package dev.jpm.engine.reconcile;

import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.Plan;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.plan.Planner;
import dev.jpm.engine.supervise.Supervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Converges the process table with a desired state: observe, plan (pure), execute, then wait until every
 * instance it launched is stable or has failed. One reconcile runs at a time; a second caller waits its turn and
 * then plans against the table as the first one left it.
 *
 * <p>Restarts that do not come from the file (a cron, a file change, a new revision, a memory limit, a reload)
 * take the same path: {@link #restart} records the request as a fact in the table, then converges, so the
 * planner sees an ordinary difference and the rollout rules (one at a time, wait until settled) apply alike.
 */
public final class Reconciler {

  /**
   * What a reconcile did.
   *
   * @param plan the plan that was executed
   * @param failures one line per launched instance that did not settle online
   */
  public record Outcome(Plan plan, List<String> failures) {
    public boolean converged() {
      return failures.isEmpty();
    }
  }

  private final Supervisor supervisor;
  private final ReentrantLock oneAtATime = new ReentrantLock(true);
  /** Apps the running reconcile acts on; written only while holding {@link #oneAtATime}. */
  private final Set<String> rollingOut = ConcurrentHashMap.newKeySet();

  public Reconciler(Supervisor supervisor) {
    this.supervisor = supervisor;
  }

  /** The plan that {@link #apply} would execute now; touches nothing. */
  public Plan plan(DesiredState desired, PlanOptions options) {
    return Planner.plan(desired, supervisor.observe(), options);
  }

  public Outcome apply(DesiredState desired, PlanOptions options, Consumer<String> progress) {
    oneAtATime.lock();
    try {
      return execute(desired, supervisor.observe(), options, progress);
    } finally {
      oneAtATime.unlock();
    }
  }

  /**
   * Replaces every instance of {@code app} for {@code cause} (e.g. {@code cron 0 3 * * *}), one at a time as any
   * restart the planner decides; a stopped instance is started. Blocks until done.
   *
   * @throws IllegalArgumentException when the daemon does not know {@code app}
   */
  public Outcome restart(String app, String cause, Consumer<String> progress) {
    supervisor.requestRestart(app, cause);
    return honourRestartRequests(app, progress);
  }

  /** Replaces one instance for {@code cause} (e.g. a memory limit); its siblings are untouched. Blocks until done. */
  public Outcome restartInstance(InstanceId id, String cause, Consumer<String> progress) {
    supervisor.requestRestart(id, cause);
    return honourRestartRequests(id.app(), progress);
  }

  /** Whether a reconcile is acting on {@code app} right now (a cron restart skips its turn then). */
  public boolean rolloutInProgress(String app) {
    return rollingOut.contains(app);
  }

  /**
   * Plans the app as the table holds it, acting only on instances with a pending request: a request that an
   * earlier reconcile already honoured (the instance relaunched since) plans nothing.
   */
  private Outcome honourRestartRequests(String app, Consumer<String> progress) {
    oneAtATime.lock();
    try {
      ObservedState observed = supervisor.observe();
      ObservedApp current = observed.apps().get(app);
      if (current == null) return new Outcome(new Plan(List.of(), List.of()), List.of()); // deleted meanwhile
      DesiredState asApplied = new DesiredState(current.applied().source(), null, List.of(current.applied()));
      return execute(asApplied, observed, PlanOptions.requestedRestarts(app), progress);
    } finally {
      oneAtATime.unlock();
    }
  }

  /** Plans and executes; the caller holds {@link #oneAtATime}. */
  private Outcome execute(DesiredState desired, ObservedState observed, PlanOptions options,
      Consumer<String> progress) {
    Plan plan = Planner.plan(desired, observed, options);
    plan.actions().forEach(action -> rollingOut.add(action.app()));
    try {
      // The whole plan in one progress message: fifty frames cost the CLI a visible tenth of a second.
      if (!plan.lines().isEmpty()) progress.accept(String.join("\n", plan.lines()));
      List<InstanceId> launched = new PlanExecutor(supervisor, progress).execute(plan);
      return new Outcome(plan, awaitSettled(desired, launched));
    } finally {
      rollingOut.clear();
    }
  }

  /** Waits for all launched instances in parallel; returns a line for each that is not online. */
  private List<String> awaitSettled(DesiredState desired, List<InstanceId> launched) {
    List<CompletableFuture<ProcessRecord>> waits = new ArrayList<>();
    for (InstanceId id : launched) {
      var spec = desired.apps().stream().filter(a -> a.name().equals(id.app())).findFirst().orElseThrow();
      waits.add(CompletableFuture.supplyAsync(
          () -> supervisor.awaitSettled(id, PlanExecutor.settleTimeout(spec)),
          command -> Thread.ofVirtual().start(command)));
    }
    List<String> failures = new ArrayList<>();
    for (CompletableFuture<ProcessRecord> wait : waits) {
      ProcessRecord record = wait.join();
      if (record.status() != ProcessStatus.ONLINE) failures.add(describeFailure(record));
    }
    return failures;
  }

  /** How long to wait for an instance of {@code spec} to settle. */
  public static java.time.Duration settleTimeout(dev.jpm.engine.model.AppSpec spec) {
    return PlanExecutor.settleTimeout(spec);
  }

  /** One line saying why an instance is not online. */
  public static String describeFailure(ProcessRecord record) {
    StringBuilder line = new StringBuilder(record.id().toString()).append(" is ").append(record.status().word());
    if (record.reason() != null) line.append(": ").append(record.reason());
    else if (record.lastExitCode() != null) line.append(" (last exit code ").append(record.lastExitCode()).append(')');
    else if (record.lastSignal() != null) line.append(" (last killed by SIG").append(record.lastSignal()).append(')');
    return line.toString();
  }
}
