package dev.jpm.engine.daemon;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.Supervisor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * PM2's imperative verbs (start, stop, restart, delete, scale, the one-liner start, kill). Each returns once its
 * change is done: a stop when the process trees are gone, a start or restart when the new processes settled.
 */
final class ImperativeVerbs {

  /** A target names no app or instance. */
  static final class NotFound extends RuntimeException {
    NotFound(String target) {
      this(List.of(target));
    }

    /** PM2 says "process or namespace not found"; this says which targets and where to look. */
    NotFound(List<String> targets) {
      super("process or namespace not found: " + String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())
          + " matches no app, NAME#INDEX, pm_id, namespace or /regex/ (jpm ls lists them)");
    }
  }

  private final Supervisor supervisor;
  private final Reconciler reconciler;
  private final Views views;

  ImperativeVerbs(Supervisor supervisor, Reconciler reconciler, Views views) {
    this.supervisor = supervisor;
    this.reconciler = reconciler;
    this.views = views;
  }

  Response control(Request.Control request, Consumer<String> progress) {
    if (request.verb() == null) throw new IllegalArgumentException("the request names no verb (verb)");
    Targets.Resolved resolved = Targets.resolve(request.targets(), supervisor.observe());
    Map<String, List<InstanceId>> byApp = resolved.byApp();
    List<String> done = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Consumer<String> report = line -> {
      synchronized (done) {
        done.add(line);
      }
      progress.accept(line);
    };
    switch (request.verb()) {
      case STOP -> inWaves(byApp, wave -> inParallel(ids(wave), id -> {
        drain(id, report);
        report.accept("stopped " + supervisor.stop(id).id());
      }));
      case DELETE -> inWaves(byApp, wave -> forEachApp(wave, ids -> deleteTargets(ids, resolved.wholeApps(), report)));
      case START -> failures.addAll(settle(forEachApp(byApp, ids -> ids.forEach(id -> startOne(id, report)))));
      case RESTART -> failures.addAll(settle(forEachApp(byApp, ids -> ids.forEach(id -> restartOne(id, report)))));
    }
    return new Response.Applied(done, List.of(), failures, views.table(supervisor.observe()));
  }

  Response scale(Request.Scale request, Consumer<String> progress) {
    AppSpec spec = RequestHandler.requireApp(supervisor, request.app());
    int current = supervisor.observe().apps().get(request.app()).instances().size();
    int target = InstanceCount.parse(request.count(), current, Runtime.getRuntime().availableProcessors());
    return reconcileOne(spec.withInstances(target), progress);
  }

  Response startScript(Request.StartScript request, Consumer<String> progress) {
    if (request.app() == null) throw new IllegalArgumentException("start needs the app to run (app)");
    return reconcileOne(request.app(), progress);
  }

  /**
   * Rolls each app the targets name as a whole (apps in turn, instances one at a time); an instance named alone (a
   * pm_id, {@code NAME#INDEX}) is restarted alone. Failures say which rollout aborted and why.
   */
  Response reload(Request.Reload request, Consumer<String> progress) {
    Targets.Resolved resolved = Targets.resolve(request.targets(), supervisor.observe());
    List<String> done = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    resolved.byApp().forEach((app, ids) -> {
      if (resolved.wholeApps().contains(app)) {
        Reconciler.Outcome outcome = reconciler.restart(app, "reload", progress);
        done.addAll(outcome.plan().lines());
        failures.addAll(outcome.failures());
      } else {
        for (InstanceId id : ids) {
          Reconciler.Outcome outcome = reconciler.restartInstance(id, "reload", progress);
          done.addAll(outcome.plan().lines());
          failures.addAll(outcome.failures());
        }
      }
    });
    return new Response.Applied(done, List.of(), failures, views.table(supervisor.observe()));
  }

  /** PM2's {@code reset}: restart counters to 0; no process is touched. */
  Response reset(Request.Reset request, Consumer<String> progress) {
    Targets.Resolved resolved = Targets.resolve(request.targets(), supervisor.observe());
    List<String> done = new ArrayList<>();
    for (InstanceId id : resolved.instances()) {
      supervisor.resetCounters(id);
      done.add("reset " + id);
      progress.accept("reset " + id);
    }
    return new Response.Applied(done, List.of(), List.of(), views.table(supervisor.observe()));
  }

  /** PM2's {@code sendSignal}: the signal goes to each running process of the targets; the others are named. */
  Response signal(Request.SendSignal request, Consumer<String> progress) {
    if (request.signal() == null || request.signal().isBlank())
      throw new IllegalArgumentException("name a signal: jpm sendSignal SIGUSR2 TARGET");
    Targets.Resolved resolved = Targets.resolve(request.targets(), supervisor.observe());
    List<String> done = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (InstanceId id : resolved.instances()) {
      if (supervisor.signal(id, request.signal())) {
        done.add("sent " + request.signal() + " to " + id);
        progress.accept("sent " + request.signal() + " to " + id);
      } else {
        failures.add(id + " is not running: no signal sent");
      }
    }
    return new Response.Applied(done, List.of(), failures, views.table(supervisor.observe()));
  }

  /**
   * PM2's {@code startOrRestart}/{@code startOrReload FILE}: the file's apps that are in the table are marked for
   * replacement (the cause the user typed) and keep their instance count, then one plan applies the file without
   * pruning: it starts what is missing and replaces, one instance at a time, what is marked.
   */
  Response startOrRestart(Request.StartOrRestart request, Consumer<String> progress) {
    DesiredState desired = request.desired();
    if (desired == null) throw new IllegalArgumentException("the request carries no apps (desired)");
    Set<String> only = request.only() == null ? Set.of() : Set.copyOf(request.only());
    String cause = request.cause() == null || request.cause().isBlank() ? "startOrRestart" : request.cause();
    Map<String, ObservedApp> table = supervisor.observe().apps();
    List<AppSpec> apps = new ArrayList<>();
    for (AppSpec spec : desired.apps()) {
      ObservedApp running = only.isEmpty() || only.contains(spec.name()) ? table.get(spec.name()) : null;
      apps.add(running == null ? spec : spec.withInstances(Math.max(1, running.instances().size())));
    }
    for (AppSpec spec : apps)
      if (table.containsKey(spec.name()) && (only.isEmpty() || only.contains(spec.name())))
        supervisor.requestRestart(spec.name(), cause);
    DesiredState pinned = new DesiredState(desired.source(), desired.profile(), apps, desired.metrics());
    Reconciler.Outcome outcome = reconciler.apply(pinned, new PlanOptions(false, only), progress);
    return new Response.Applied(outcome.plan().lines(), List.of(), outcome.failures(),
        views.table(supervisor.observe()));
  }

  /** {@code jpm update}: nothing is stopped; the daemon ends once this reply is sent (see ControlServer). */
  Response handOver(Consumer<String> progress) {
    progress.accept("handing every app over to the next daemon");
    return new Response.Applied(List.of(), List.of(), List.of(), views.table(supervisor.observe()));
  }

  Response stopAll(Consumer<String> progress) {
    supervisor.stopAll();
    progress.accept("stopped every app");
    return new Response.Applied(List.of(), List.of(), List.of(), views.table(supervisor.observe()));
  }

  private Response reconcileOne(AppSpec spec, Consumer<String> progress) {
    DesiredState desired = new DesiredState(spec.source(), null, List.of(spec));
    Reconciler.Outcome outcome = reconciler.apply(desired, new PlanOptions(false, Set.of(spec.name())), progress);
    return new Response.Applied(outcome.plan().lines(), List.of(), outcome.failures(),
        views.table(supervisor.observe()));
  }

  private void startOne(InstanceId id, Consumer<String> report) {
    report.accept(describe("started", supervisor.start(id)));
  }

  /**
   * Restarts one instance (drained first when balanced) and waits until it settled, so an app's instances are
   * replaced one at a time.
   */
  private void restartOne(InstanceId id, Consumer<String> report) {
    drain(id, report);
    report.accept(describe("restarted", supervisor.restart(id)));
    supervisor.awaitSettled(id, Reconciler.settleTimeout(RequestHandler.requireApp(supervisor, id.app())));
  }

  private void deleteTargets(List<InstanceId> ids, Set<String> wholeApps, Consumer<String> report) {
    String app = ids.getFirst().app();
    if (wholeApps.contains(app)) {
      inParallel(ids, id -> drain(id, report));
      supervisor.delete(app);
      report.accept("deleted " + app);
    } else {
      ids.forEach(id -> {
        drain(id, report);
        supervisor.remove(id);
        report.accept("deleted " + id);
      });
    }
  }

  /**
   * A balanced instance leaves the rotation and finishes its open requests (up to drain_timeout) before its stop
   * signal: these verbs cost downtime, never a cut request. Say so when some were still open and get closed.
   */
  private void drain(InstanceId id, Consumer<String> report) {
    if (!reconciler.drainBeforeStop(id)) report.accept(id + ": connections still open after drain_timeout are closed");
  }

  /** Dependents go down before what they depend on: one wave after the other, each wave's apps in parallel. */
  private void inWaves(Map<String, List<InstanceId>> byApp, Consumer<Map<String, List<InstanceId>>> work) {
    Map<String, AppSpec> specs = new LinkedHashMap<>();
    supervisor.observe().apps().forEach((name, app) -> specs.put(name, app.applied()));
    for (List<String> wave : StopWaves.of(byApp.keySet(), specs)) {
      Map<String, List<InstanceId>> part = new LinkedHashMap<>();
      wave.forEach(app -> part.put(app, byApp.get(app)));
      work.accept(part);
    }
  }

  /** Runs the work for each app on its own virtual thread (apps in parallel, instances in order). */
  private List<InstanceId> forEachApp(Map<String, List<InstanceId>> byApp, Consumer<List<InstanceId>> work) {
    inParallel(List.copyOf(byApp.values()), work);
    return ids(byApp);
  }

  /** Waits for every instance to settle in parallel; a line for each that is not online. */
  private List<String> settle(List<InstanceId> ids) {
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    inParallel(ids, id -> {
      AppSpec spec = RequestHandler.requireApp(supervisor, id.app());
      ProcessRecord record = supervisor.awaitSettled(id, Reconciler.settleTimeout(spec));
      if (record.status() != ProcessStatus.ONLINE) failures.add(Reconciler.describeFailure(record));
    });
    return failures.stream().sorted().toList();
  }

  private static List<InstanceId> ids(Map<String, List<InstanceId>> byApp) {
    return byApp.values().stream().flatMap(List::stream).toList();
  }

  /** Runs {@code work} on each item on its own virtual thread; returns when all are done, rethrowing a failure. */
  private static <T> void inParallel(List<T> items, Consumer<T> work) {
    List<Future<?>> running = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      items.forEach(item -> running.add(pool.submit(() -> work.accept(item))));
    }
    for (Future<?> task : running) {
      try {
        task.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) throw failure;
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a verb to finish", e);
      }
    }
  }

  private static String describe(String verb, ProcessRecord record) {
    return verb + " " + record.id() + (record.pid() > 0 ? " (pid " + record.pid() + ")" : " (" + record.status().word() + ")");
  }

}
