package dev.jpm.engine.reconcile;

import dev.jpm.engine.health.Readiness;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.Action;
import dev.jpm.engine.plan.Plan;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.plan.Planner;
import dev.jpm.engine.plan.VerbPlanner;
import dev.jpm.engine.supervise.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Converges the process table with a desired state: observe, plan (pure), execute, then wait until every
 * instance it launched is stable or has failed. One reconcile runs at a time; a second caller waits its turn and
 * then plans against the table as the first one left it.
 *
 * <p>Restarts that do not come from the file (a cron, a file change, a new revision, a memory limit, a health check,
 * a reload) take the same path: {@link #restart} records the request as a fact in the table, then converges, so the
 * planner sees an ordinary difference and the rollout rules (surge window, wait until ready) apply alike. PM2's
 * verbs ({@link #control}) are planned by {@link VerbPlanner} and executed the same way, under the same lock.
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
  private final TrafficRouter router;
  private final ReentrantLock oneAtATime = new ReentrantLock(true);
  /** Apps the running reconcile acts on; written only while holding {@link #oneAtATime}. */
  private final Set<String> rollingOut = ConcurrentHashMap.newKeySet();

  /** Without readiness or traffic: restarts are plain, one at a time. */
  public Reconciler(Supervisor supervisor) {
    this(supervisor, null);
  }

  /** With {@code router}: restarts of balanced apps roll with surge and drain, launches wait for readiness. */
  public Reconciler(Supervisor supervisor, TrafficRouter router) {
    this.supervisor = supervisor;
    this.router = router;
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
   * Carries out an imperative verb on the instances the user named (see {@link VerbPlanner}), under the same lock as
   * every other change; blocks until done: a stop when the process trees are gone, a start or restart when the
   * instances settled. The failures name the instances that did not reach online.
   */
  public Outcome control(VerbPlanner.Verb verb, Map<String, List<InstanceId>> targets, Set<String> wholeApps,
      Consumer<String> progress) {
    oneAtATime.lock();
    try {
      Plan plan = VerbPlanner.plan(verb, targets, wholeApps, supervisor.observe());
      plan.actions().forEach(action -> rollingOut.add(action.app()));
      try {
        List<InstanceId> launched = new PlanExecutor(supervisor, router, progress).execute(plan);
        // PM2's verbs return once their instances are online; only a reload waits for readiness.
        return new Outcome(plan, awaitSettled(launched, false).stream().sorted().toList());
      } finally {
        rollingOut.clear();
      }
    } finally {
      oneAtATime.unlock();
    }
  }

  /**
   * PM2's {@code startOrRestart}: marks the apps of {@code replace} for replacement for {@code cause}, then applies
   * {@code desired}, all under the one lock so no other change comes between the marks and the plan.
   */
  public Outcome restartAndApply(DesiredState desired, PlanOptions options, Set<String> replace, String cause,
      Consumer<String> progress) {
    oneAtATime.lock();
    try {
      replace.forEach(app -> supervisor.requestRestart(app, cause));
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
    oneAtATime.lock(); // the request is a fact the next plan reads: recorded in this change's turn, like the rest
    try {
      supervisor.requestRestart(app, cause);
      return honourRestartRequests(app, progress);
    } finally {
      oneAtATime.unlock();
    }
  }

  /** Replaces one instance for {@code cause} (e.g. a memory limit); its siblings are untouched. Blocks until done. */
  public Outcome restartInstance(InstanceId id, String cause, Consumer<String> progress) {
    oneAtATime.lock();
    try {
      supervisor.requestRestart(id, cause);
      return honourRestartRequests(id.app(), progress);
    } finally {
      oneAtATime.unlock();
    }
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
      if (current == null) return new Outcome(Plan.EMPTY, List.of()); // deleted meanwhile
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
      return execute(plan, progress);
    } finally {
      rollingOut.clear();
    }
  }

  private Outcome execute(Plan plan, Consumer<String> progress) {
    PlanExecutor executor = new PlanExecutor(supervisor, router, progress);
    List<InstanceId> launched = executor.execute(plan);
    List<String> failures = new ArrayList<>(executor.aborted());
    failures.addAll(awaitSettled(launched, true));
    if (router != null) {
      // A rollout that went through replaces the degraded mark of an earlier one that aborted.
      plan.actions().stream().filter(a -> a instanceof Action.RestartInstance).map(Action::app).distinct()
          .filter(app -> !executor.abortedApps().contains(app))
          .forEach(router::clearDegraded);
    }
    return new Outcome(plan, failures);
  }

  /**
   * The one "wait until settled": waits for all launched instances in parallel; returns a line for each that is not
   * online (and, with {@code ready} and a router, ready).
   */
  private List<String> awaitSettled(List<InstanceId> launched, boolean ready) {
    List<CompletableFuture<String>> waits = new ArrayList<>();
    for (InstanceId id : launched) {
      ObservedApp app = supervisor.observe().apps().get(id.app());
      if (app == null) continue; // deleted meanwhile
      waits.add(CompletableFuture.supplyAsync(() -> settle(app.applied(), id, ready),
          command -> Thread.ofVirtual().start(command)));
    }
    List<String> failures = new ArrayList<>();
    for (CompletableFuture<String> wait : waits) {
      String failure = wait.join();
      if (failure != null) failures.add(failure);
    }
    return failures;
  }

  /** Null when the instance is online (and, with a router, ready); else the line saying why not. */
  private String settle(AppSpec spec, InstanceId id, boolean ready) {
    ProcessRecord record = supervisor.awaitSettled(id, PlanExecutor.settleTimeout(spec));
    if (record.status() != ProcessStatus.ONLINE) return describeFailure(record);
    if (router == null || !ready) return null;
    try {
      Duration timeout = Duration.ofMillis(spec.restart().minUptimeMs() + spec.listenTimeoutMs() + 2000);
      var status = router.readiness().awaitDecided(id, record.pid(), timeout);
      if (status.isEmpty() || status.get().readiness() == Readiness.READY) return null;
      return id + " is " + status.get().readiness().word()
          + (status.get().reason() == null ? "" : ": " + status.get().reason());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return id + ": interrupted while waiting for readiness";
    }
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
