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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Carries out a plan's actions in order, one supervisor call each. Restarts of an app roll: as many replacements
 * at once as its {@code max_surge} and {@code max_unavailable} allow (one at a time by default), the next one
 * started only once one in flight is ready. Consecutive starts are launched a few at a time (a launch is mostly
 * fork and exec, so on few cores this still halves the time for many apps); any other action, and the start of an
 * app that depends on others, first waits for the launches in flight.
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
      List<Action> actions = plan.actions();
      for (int i = 0; i < actions.size(); i++) {
        Action action = actions.get(i);
        if (action instanceof Action.StartInstance start && start.spec().dependsOn().isEmpty()) {
          register(start.spec());
          launched.add(start.id());
          inFlight.add(CompletableFuture.runAsync(() -> startOne(start), starts));
        } else if (action instanceof Action.RestartInstance) {
          awaitInFlight();
          List<Action.RestartInstance> batch = restartsOfOneApp(actions, i);
          rollOut(batch);
          i += batch.size() - 1;
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
      case Action.RestartInstance restart -> rollOut(List.of(restart));
      case Action.RemoveInstance remove -> {
        // The new count first: a daemon killed during the stop leaves an instance beyond it, which the next one
        // forgets, rather than the old count, which no later plan would register again (removals carry the count).
        register(remove.spec());
        if (router != null) router.drainBeforeStop(remove.id());
        supervisor.remove(remove.id());
        progress.accept("removed " + remove.id());
      }
      case Action.DeleteApp delete -> {
        supervisor.delete(delete.app());
        progress.accept("deleted " + delete.app());
      }
    }
  }

  /** The restarts of one app that follow each other in the plan from {@code first} on. */
  private static List<Action.RestartInstance> restartsOfOneApp(List<Action> actions, int first) {
    String app = actions.get(first).app();
    List<Action.RestartInstance> batch = new ArrayList<>();
    for (int i = first; i < actions.size() && actions.get(i) instanceof Action.RestartInstance restart
        && restart.app().equals(app); i++) batch.add(restart);
    return batch;
  }

  /**
   * Replaces the instances of {@code batch} (one app), as many at once as its {@link RolloutWindow} allows: the next
   * one starts only when a replacement in flight is ready (or the rollout stops). The first failure stops the
   * rollout: no further replacement starts, those in flight finish, the app is recorded as aborted.
   */
  private void rollOut(List<Action.RestartInstance> batch) {
    AppSpec spec = batch.getFirst().spec();
    register(spec);
    if (aborted.containsKey(spec.name())) return;
    RolloutWindow window = new RolloutWindow(spec.traffic());
    AtomicReference<String> failure = new AtomicReference<>();
    Map<InstanceId, CompletableFuture<Optional<String>>> replacements = new LinkedHashMap<>();
    try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Action.RestartInstance restart : batch) {
        RolloutWindow.Place place = window.take(replacer.canSurge(spec, restart.id()));
        if (failure.get() != null) {
          window.give(place);
          break;
        }
        replacements.put(restart.id(), CompletableFuture.supplyAsync(() -> {
          try {
            Optional<String> outcome = replacer.replace(spec, restart.id(), restart.cause(), place);
            outcome.ifPresent(reason -> failure.compareAndSet(null, reason));
            return outcome;
          } finally {
            window.give(place);
          }
        }, parallel));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, spec.name() + ": rollout interrupted");
    }
    replacements.forEach((id, replacement) -> {
      if (joined(replacement).isEmpty()) launched.add(id);
    });
    if (failure.get() != null) aborted.put(spec.name(), failure.get());
  }

  /** The replacement's outcome; an exception it threw (the app was deleted meanwhile...) is the caller's. */
  private static Optional<String> joined(CompletableFuture<Optional<String>> replacement) {
    try {
      return replacement.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) throw cause;
      throw e;
    }
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
