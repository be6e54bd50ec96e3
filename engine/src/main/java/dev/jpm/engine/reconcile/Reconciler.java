package dev.jpm.engine.reconcile;

import dev.jpm.engine.health.Readiness;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.plan.Action;
import java.time.Duration;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.Plan;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.plan.Planner;
import dev.jpm.engine.supervise.Supervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Converges the process table with a desired state: observe, plan (pure), execute, then wait until every
 * instance it launched is stable or has failed. One reconcile runs at a time; a second caller waits its turn and
 * then plans against the table as the first one left it.
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
      Plan plan = Planner.plan(desired, supervisor.observe(), options);
      // The whole plan in one progress message: fifty frames cost the CLI a visible tenth of a second.
      if (!plan.lines().isEmpty()) progress.accept(String.join("\n", plan.lines()));
      return execute(plan, desired.apps(), progress);
    } finally {
      oneAtATime.unlock();
    }
  }

  /**
   * {@code jpm reload}: replaces every running instance of {@code app} with a new process of its current spec, one
   * at a time: a balanced app with no refused connection (surge, readiness, drain), a fork app by restarts. A stopped
   * instance is started.
   */
  public Outcome reload(String app, String cause, Consumer<String> progress) {
    oneAtATime.lock();
    try {
      ObservedApp observed = supervisor.observe().apps().get(app);
      if (observed == null) throw new IllegalArgumentException("no app named '" + app + "'");
      AppSpec spec = observed.applied();
      List<Action> actions = new ArrayList<>();
      for (ProcessRecord record : observed.instances()) {
        int index = record.id().index();
        actions.add(record.status().isActive() ? new Action.RestartInstance(spec, index, cause)
            : new Action.StartInstance(spec, index, cause + "; was " + record.status().word()));
      }
      Plan plan = new Plan(actions, List.of());
      progress.accept(String.join("\n", plan.lines()));
      return execute(plan, List.of(spec), progress);
    } finally {
      oneAtATime.unlock();
    }
  }

  private Outcome execute(Plan plan, List<AppSpec> specs, Consumer<String> progress) {
    PlanExecutor executor = new PlanExecutor(supervisor, router, progress);
    List<InstanceId> launched = executor.execute(plan);
    List<String> failures = new ArrayList<>(executor.aborted());
    failures.addAll(awaitSettled(specs, launched));
    if (router != null) {
      plan.actions().stream().filter(a -> a instanceof Action.RestartInstance).map(Action::app).distinct()
          .filter(app -> failures.stream().noneMatch(f -> f.startsWith(app + "#") || f.contains(" " + app + "#")))
          .forEach(router::clearDegraded);
    }
    return new Outcome(plan, failures);
  }

  /** Waits for all launched instances in parallel; returns a line for each that is not online (and ready). */
  private List<String> awaitSettled(List<AppSpec> specs, List<InstanceId> launched) {
    List<CompletableFuture<String>> waits = new ArrayList<>();
    for (InstanceId id : launched) {
      AppSpec spec = specs.stream().filter(a -> a.name().equals(id.app())).findFirst().orElseThrow();
      waits.add(CompletableFuture.supplyAsync(() -> settle(spec, id), command -> Thread.ofVirtual().start(command)));
    }
    List<String> failures = new ArrayList<>();
    for (CompletableFuture<String> wait : waits) {
      String failure = wait.join();
      if (failure != null) failures.add(failure);
    }
    return failures;
  }

  /** Null when the instance is online (and, with a router, ready); else the line saying why not. */
  private String settle(AppSpec spec, InstanceId id) {
    ProcessRecord record = supervisor.awaitSettled(id, PlanExecutor.settleTimeout(spec));
    if (record.status() != ProcessStatus.ONLINE) return describeFailure(record);
    if (router == null) return null;
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
