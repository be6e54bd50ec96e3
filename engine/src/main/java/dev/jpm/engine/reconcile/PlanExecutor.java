package dev.jpm.engine.reconcile;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.plan.Action;
import dev.jpm.engine.plan.Plan;
import dev.jpm.engine.supervise.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Walks a plan's graph: each step runs, on its own virtual thread, once every step it waits for is done, so steps
 * whose waits are met run in parallel; one supervisor call (or one replacement) each. It decides nothing the plan
 * says: it only does at run time what cannot be known before: whether a {@code depends_on} app came up ({@link
 * DependencyGate}), how many replacements of a rollout group are in flight within its window ({@link RolloutWindow},
 * places taken in plan order), and that a rollout whose replacement failed goes no further. A step that throws (the
 * app was deleted meanwhile) skips the steps that wait for it and is rethrown once the rest is done.
 */
final class PlanExecutor {

  private final Supervisor supervisor;
  private final TrafficRouter router;
  private final RollingReplacer replacer;
  private final DependencyGate dependencies;
  private final Consumer<String> progress;
  /** Launches in flight at once: enough to overlap fork/exec with the supervisor's bookkeeping on two cores. */
  static final int PARALLEL_STARTS = 4;

  private final List<InstanceId> launched = Collections.synchronizedList(new ArrayList<>());
  private final Semaphore startSlots = new Semaphore(PARALLEL_STARTS);
  private final Set<String> registered = new java.util.HashSet<>();
  /** Apps whose rollout aborted or whose dependencies failed: their remaining steps are skipped, and why. */
  private final Map<String, String> aborted = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<Plan.RolloutGroup, Rollout> rollouts = new HashMap<>();

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
    synchronized (aborted) {
      return List.copyOf(aborted.values());
    }
  }

  /** The apps whose rollout aborted or whose start a failed dependency held back. */
  Set<String> abortedApps() {
    synchronized (aborted) {
      return Set.copyOf(aborted.keySet());
    }
  }

  /** Executes every step; returns the instances that were started or restarted, to be awaited. */
  List<InstanceId> execute(Plan plan) {
    List<CompletableFuture<Void>> done = new ArrayList<>(plan.steps().size());
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Plan.Step step : plan.steps()) {
        CompletableFuture<?>[] waits = step.after().stream().flatMap(wait -> wait.steps().stream())
            .map(done::get).toArray(CompletableFuture[]::new);
        if (step.group() == null) {
          done.add(CompletableFuture.allOf(waits).thenRunAsync(() -> run(step), threads));
        } else {
          Rollout.Turn turn = rollout(step.group()).nextTurn(step);
          CompletableFuture<Void> replaced = CompletableFuture.allOf(waits).thenRunAsync(turn.work(), threads);
          replaced.whenComplete((ignored, skipped) -> turn.taken().complete(null)); // never blocks the next turn
          done.add(replaced);
        }
      }
      RuntimeException failure = null;
      for (CompletableFuture<Void> step : done) {
        try {
          step.join();
        } catch (CompletionException e) {
          if (failure == null) failure = e.getCause() instanceof RuntimeException cause ? cause : e;
        }
      }
      if (failure != null) throw failure;
    }
    return List.copyOf(launched);
  }

  private void run(Plan.Step step) {
    List<Plan.Wait.Ready> ready = step.after().stream()
        .filter(Plan.Wait.Ready.class::isInstance).map(Plan.Wait.Ready.class::cast).toList();
    if (!ready.isEmpty() && !dependenciesMet(step.action(), ready)) return;
    switch (step.action()) {
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
        if (!aborted.containsKey(start.app())) launch(start.id());
      }
      case Action.ResumeInstance resume -> launch(resume.id());
      case Action.RestartInstance restart -> throw new IllegalStateException(restart.render() + " has no rollout");
      case Action.RelaunchInstance relaunch -> {
        drain(relaunch.id());
        report("restarted", supervisor.restart(relaunch.id(), relaunch.cause()));
        supervisor.awaitSettled(relaunch.id(), settleTimeout(applied(relaunch.app())));
        launched.add(relaunch.id());
      }
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

  /** False, with the app held back (said once per app), when a {@code depends_on} app did not come up. */
  private boolean dependenciesMet(Action action, List<Plan.Wait.Ready> waits) {
    if (action instanceof Action.StartInstance start) register(start.spec());
    if (aborted.containsKey(action.app())) return false;
    Optional<String> blocker = dependencies.blocker(waits);
    if (blocker.isEmpty()) return true;
    if (aborted.putIfAbsent(action.app(), action.app() + " not started: " + blocker.get()) == null)
      progress.accept("held back " + action.app() + ": " + blocker.get());
    return false;
  }

  private void launch(InstanceId id) {
    startSlots.acquireUninterruptibly();
    try {
      report("started", supervisor.start(id));
      launched.add(id);
    } finally {
      startSlots.release();
    }
  }

  /**
   * A balanced instance leaves the rotation and finishes its open requests (up to drain_timeout) before its stop
   * signal: a stop costs downtime, never a cut request. Says so when some were still open and get closed.
   */
  private void drain(InstanceId id) {
    if (router != null && !router.drainBeforeStop(id))
      progress.accept(id + ": connections still open after drain_timeout are closed");
  }

  private synchronized Rollout rollout(Plan.RolloutGroup group) {
    return rollouts.computeIfAbsent(group, Rollout::new);
  }

  /**
   * The replacements of one rollout group: each takes a place in {@link RolloutWindow} in plan order (the next one
   * starts only when a replacement in flight is ready or the rollout stopped); the first failure stops the rollout:
   * no further replacement starts, those in flight finish, the app is recorded as aborted.
   */
  private final class Rollout {
    private final RolloutWindow window;
    /** Done once the previous replacement of the group holds its place (or gave up): the turn of the next one. */
    private CompletableFuture<Void> lastTurn = CompletableFuture.completedFuture(null);

    Rollout(Plan.RolloutGroup group) {
      this.window = new RolloutWindow(group.maxSurge(), group.maxUnavailable());
    }

    /** A replacement's work, and its turn: done once it holds its place in the window, or gave up. */
    record Turn(Runnable work, CompletableFuture<Void> taken) {}

    /** The next replacement of the group; called in plan order, while the plan is walked. */
    Turn nextTurn(Plan.Step step) {
      CompletableFuture<Void> previous = lastTurn;
      CompletableFuture<Void> mine = new CompletableFuture<>();
      lastTurn = mine;
      return new Turn(() -> {
        try {
          previous.join();
          replace((Action.RestartInstance) step.action(), mine);
        } finally {
          mine.complete(null);
        }
      }, mine);
    }

    private void replace(Action.RestartInstance restart, CompletableFuture<Void> myTurn) {
      AppSpec spec = restart.spec();
      register(spec);
      if (aborted.containsKey(spec.name())) return;
      RolloutWindow.Place place;
      try {
        place = window.take(replacer.canSurge(spec, restart.id()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        aborted.putIfAbsent(spec.name(), spec.name() + ": rollout interrupted");
        return;
      }
      try {
        if (aborted.containsKey(spec.name())) return;
        myTurn.complete(null);
        Optional<String> failure = replacer.replace(spec, restart.id(), restart.cause(), place);
        if (failure.isPresent()) aborted.putIfAbsent(spec.name(), failure.get());
        else launched.add(restart.id());
      } finally {
        window.give(place);
      }
      // The place is free once the replacement took over; the step ends when the old process has stopped.
      replacer.awaitRetired(restart.id());
    }
  }

  /** Runs {@code work} on each item on its own virtual thread; returns when all are done, rethrowing a failure. */
  private static <T> void inParallel(List<T> items, Consumer<T> work) {
    try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      items.forEach(item -> running.add(each.submit(() -> work.accept(item))));
      for (Future<?> task : running) {
        try {
          task.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException failure) throw failure;
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while draining", e);
        }
      }
    }
  }

  private AppSpec applied(String app) {
    var known = supervisor.observe().apps().get(app);
    if (known == null) throw new IllegalArgumentException("unknown app " + app);
    return known.applied();
  }

  /**
   * Records the spec once per plan; a step that launches waits here until its app's spec is recorded. An app that
   * moves from the balancer to an inherited socket keeps the front port's socket (the supervisor takes a copy as it
   * registers the spec) and its front port stops accepting here, before the first new instance accepts from the
   * same socket: the supervisor announces the change to the router on another thread, which may come too late.
   */
  private synchronized void register(AppSpec spec) {
    if (!registered.add(spec.name())) return;
    supervisor.register(spec);
    if (router != null && spec.inheritsSocket()) router.syncFrontPorts();
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
