package dev.jpm.engine.reconcile;

import dev.jpm.engine.model.DesiredState;
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
  private final ReentrantLock oneAtATime = new ReentrantLock(true);

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
      Plan plan = Planner.plan(desired, supervisor.observe(), options);
      // The whole plan in one progress message: fifty frames cost the CLI a visible tenth of a second.
      if (!plan.lines().isEmpty()) progress.accept(String.join("\n", plan.lines()));
      List<InstanceId> launched = new PlanExecutor(supervisor, progress).execute(plan);
      return new Outcome(plan, awaitSettled(desired, launched));
    } finally {
      oneAtATime.unlock();
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
