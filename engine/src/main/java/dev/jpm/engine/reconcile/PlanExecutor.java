package dev.jpm.engine.reconcile;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.plan.Action;
import dev.jpm.engine.plan.Plan;
import dev.jpm.engine.plan.VerbPlan;
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

  private final List<InstanceId> launched = java.util.Collections.synchronizedList(new ArrayList<>());
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

  /**
   * Executes an imperative verb's plan: waves in order, the lanes of a wave in parallel, a lane's steps in order;
   * returns the instances started or restarted. A start here waits for nothing: the user named the instance.
   */
  List<InstanceId> execute(VerbPlan plan) {
    for (List<List<Action>> wave : plan.waves()) inParallel(wave, lane -> lane.forEach(this::step));
    return List.copyOf(launched);
  }

  private void step(Action action) {
    switch (action) {
      case Action.StartInstance start -> {
        report("started", supervisor.start(start.id()));
        launched.add(start.id());
      }
      case Action.RelaunchInstance relaunch -> {
        drain(relaunch.id());
        report("restarted", supervisor.restart(relaunch.id(), relaunch.cause()));
        supervisor.awaitSettled(relaunch.id(), settleTimeout(applied(relaunch.app())));
        launched.add(relaunch.id());
      }
      default -> act(action);
    }
  }

  private static void rethrow(java.util.concurrent.Future<?> lane) {
    try {
      lane.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) throw failure;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a verb ran", e);
    }
  }

  private AppSpec applied(String app) {
    var known = supervisor.observe().apps().get(app);
    if (known == null) throw new IllegalArgumentException("unknown app " + app);
    return known.applied();
  }

  /**
   * A balanced instance leaves the rotation and finishes its open requests (up to drain_timeout) before its stop
   * signal: a stop costs downtime, never a cut request. Says so when some were still open and get closed.
   */
  private void drain(InstanceId id) {
    if (router != null && !router.drainBeforeStop(id))
      progress.accept(id + ": connections still open after drain_timeout are closed");
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
      case Action.RelaunchInstance relaunch -> step(relaunch);
      case Action.RemoveInstance remove -> {
        // The new count first: a daemon killed during the stop leaves an instance beyond it, which the next one
        // forgets, rather than the old count, which no later plan would register again (removals carry the count).
        register(remove.spec());
        drain(remove.id());
        supervisor.remove(remove.id());
        progress.accept("removed " + remove.id());
      }
      case Action.StopInstance stop -> {
        drain(stop.id());
        progress.accept("stopped " + supervisor.stop(stop.id()).id());
      }
      case Action.DeleteInstance delete -> {
        drain(delete.id());
        supervisor.remove(delete.id());
        progress.accept("deleted " + delete.id());
      }
      case Action.DeleteApp delete -> {
        var app = supervisor.observe().apps().get(delete.app());
        if (app != null) inParallel(app.instances().stream().map(ProcessRecord::id).toList(), this::drain);
        supervisor.delete(delete.app());
        progress.accept("deleted " + delete.app());
      }
    }
  }

  /** Runs {@code work} on each item on its own virtual thread; returns when all are done, rethrowing a failure. */
  private static <T> void inParallel(List<T> items, Consumer<T> work) {
    try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      items.forEach(item -> running.add(each.submit(() -> work.accept(item))));
      running.forEach(PlanExecutor::rethrow);
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
