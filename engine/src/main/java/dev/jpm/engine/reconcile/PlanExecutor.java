package dev.jpm.engine.reconcile;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.plan.Action;
import dev.jpm.engine.plan.Plan;
import dev.jpm.engine.supervise.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Carries out a plan's actions in order, one supervisor call each. Restarts of an app go one at a time: the
 * next instance is replaced only once the previous replacement has settled, so capacity never drops by more than
 * one instance.
 */
final class PlanExecutor {

  private final Supervisor supervisor;
  private final Consumer<String> progress;
  private final List<InstanceId> launched = new ArrayList<>();
  private final Set<String> registered = new HashSet<>();

  PlanExecutor(Supervisor supervisor, Consumer<String> progress) {
    this.supervisor = supervisor;
    this.progress = progress;
  }

  /** Executes every action; returns the instances that were started or restarted, to be awaited. */
  List<InstanceId> execute(Plan plan) {
    for (Action action : plan.actions()) {
      switch (action) {
        case Action.UpdateInPlace update -> {
          register(update.spec());
          progress.accept("updated " + update.app());
        }
        case Action.Register register -> {
          register(register.spec());
          progress.accept("registered " + register.app() + " (stopped)");
        }
        case Action.StartInstance start -> {
          register(start.spec());
          report("started", supervisor.start(start.id()));
          launched.add(start.id());
        }
        case Action.RestartInstance restart -> {
          register(restart.spec());
          ProcessRecord record = supervisor.restart(restart.id());
          report("restarted", record);
          // One at a time: wait until this replacement is stable before touching the next instance.
          supervisor.awaitSettled(restart.id(), settleTimeout(restart.spec()));
          launched.add(restart.id());
        }
        case Action.RemoveInstance remove -> {
          supervisor.remove(remove.id());
          progress.accept("removed " + remove.id());
        }
        case Action.DeleteApp delete -> {
          supervisor.delete(delete.app());
          progress.accept("deleted " + delete.app());
        }
      }
    }
    return List.copyOf(launched);
  }

  private void register(AppSpec spec) {
    if (registered.add(spec.name())) supervisor.register(spec);
  }

  private void report(String verb, ProcessRecord record) {
    String detail = record.pid() > 0 ? "pid " + record.pid() : record.status().word()
        + (record.reason() == null ? "" : ": " + record.reason());
    progress.accept(verb + " " + record.id() + " (" + detail + ")");
  }

  /** Long enough to see a crash loop end in errored, bounded so apply always returns. */
  public static Duration settleTimeout(AppSpec spec) {
    long perRun = spec.restart().minUptimeMs() + Math.max(spec.restart().restartDelayMs(), 100);
    long crashLoop = perRun * (spec.restart().maxRestarts() + 1L);
    return Duration.ofMillis(Math.min(Math.max(crashLoop, spec.listenTimeoutMs() + spec.restart().minUptimeMs()),
        60_000));
  }
}
