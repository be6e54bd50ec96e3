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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Carries out a plan's actions in order, one supervisor call each. Restarts of an app go one at a time: the
 * next instance is replaced only once the previous replacement has settled, so capacity never drops by more than
 * one instance. Consecutive starts are launched a few at a time (a launch is mostly fork and exec, so on few cores
 * this still halves the time for many apps); any other action, and the start of an app that depends on others,
 * first waits for the launches in flight.
 */
final class PlanExecutor {

  private final Supervisor supervisor;
  private final TrafficRouter router;
  private final RollingReplacer replacer;
  private final DependencyGate dependencies;
  private final Consumer<String> progress;
  /** Launches in flight at once: enough to overlap fork/exec with the supervisor's bookkeeping on two cores. */
  static final int PARALLEL_STARTS = 4;

  private final List<InstanceId> launched = new ArrayList<>();
  private final List<CompletableFuture<?>> inFlight = new ArrayList<>();
  private final Semaphore startSlots = new Semaphore(PARALLEL_STARTS);
  private final Set<String> registered = new HashSet<>();
  /** Apps whose rollout aborted or whose dependencies failed: their remaining steps are skipped, and why. */
  private final Map<String, String> aborted = new LinkedHashMap<>();

  /** {@code router} may be null: no readiness or traffic handling (plain restarts). */
  PlanExecutor(Supervisor supervisor, TrafficRouter router, Consumer<String> progress) {
    this.supervisor = supervisor;
    this.router = router;
    this.replacer = new RollingReplacer(supervisor, router, progress);
    this.dependencies = new DependencyGate(supervisor, router);
    this.progress = progress;
  }

  /** The reasons of rollouts that aborted, one line per app. */
  List<String> aborted() {
    return List.copyOf(aborted.values());
  }

  /** The apps whose rollout aborted or whose start a failed dependency held back. */
  Set<String> abortedApps() {
    return Set.copyOf(aborted.keySet());
  }

  /** Executes every action; returns the instances that were started or restarted, to be awaited. */
  List<InstanceId> execute(Plan plan) {
    try (ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Action action : plan.actions()) {
        if (action instanceof Action.StartInstance start && start.spec().dependsOn().isEmpty()) {
          register(start.spec());
          launched.add(start.id());
          inFlight.add(CompletableFuture.runAsync(() -> startOne(start), starts));
        } else {
          awaitInFlight();
          act(action);
        }
      }
      awaitInFlight();
    }
    return List.copyOf(launched);
  }

  private void startOne(Action.StartInstance start) {
    startSlots.acquireUninterruptibly();
    try {
      report("started", supervisor.start(start.id()));
    } finally {
      startSlots.release();
    }
  }

  private void awaitInFlight() {
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    inFlight.clear();
  }

  private void act(Action action) {
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
        if (aborted.containsKey(start.app())) return;
        var blocker = dependencies.blocker(start.spec());
        if (blocker.isPresent()) {
          aborted.put(start.app(), start.app() + " not started: " + blocker.get());
          progress.accept("held back " + start.app() + ": " + blocker.get());
          return;
        }
        report("started", supervisor.start(start.id()));
        launched.add(start.id());
      }
      case Action.RestartInstance restart -> {
        register(restart.spec());
        if (aborted.containsKey(restart.app())) return;
        // One at a time: the next instance is touched only once this replacement is ready (or the rollout stops).
        replacer.replace(restart.spec(), restart.id(), restart.cause()).ifPresentOrElse(
            reason -> aborted.put(restart.app(), reason),
            () -> launched.add(restart.id()));
      }
      case Action.RemoveInstance remove -> {
        drainBeforeStop(remove.id());
        supervisor.remove(remove.id());
        progress.accept("removed " + remove.id());
      }
      case Action.DeleteApp delete -> {
        supervisor.delete(delete.app());
        progress.accept("deleted " + delete.app());
      }
    }
  }

  /** A balanced instance leaves the rotation and finishes its connections before it is stopped. */
  private void drainBeforeStop(InstanceId id) {
    if (router == null) return;
    var app = supervisor.observe().apps().get(id.app());
    if (app == null || !app.applied().balanced()) return;
    app.instances().stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(run -> router.drain(app.applied(),
        run, java.time.Duration.ofMillis(app.applied().traffic().drainTimeoutMs())));
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
