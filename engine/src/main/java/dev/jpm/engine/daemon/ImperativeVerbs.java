package dev.jpm.engine.daemon;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
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
      super("no app or instance named '" + target + "' (jpm ls lists them)");
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
    if (request.verb() == null || request.targets() == null || request.targets().isEmpty())
      throw new IllegalArgumentException("name a target: an app, NAME#INDEX, or all");
    Map<String, List<InstanceId>> byApp = resolve(request.targets());
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
      case DELETE -> inWaves(byApp, wave -> forEachApp(wave, ids -> deleteTargets(ids, request.targets(), report)));
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

  /** Rolls each named app (apps in turn, instances one at a time); failures say which rollout aborted and why. */
  Response reload(Request.Reload request, Consumer<String> progress) {
    if (request.targets() == null || request.targets().isEmpty())
      throw new IllegalArgumentException("name a target: an app or all");
    List<String> apps = new ArrayList<>();
    for (String target : request.targets()) {
      if (target.equals("all")) apps.addAll(supervisor.observe().apps().keySet());
      else if (target.contains("#")) throw new IllegalArgumentException("reload takes an app, not an instance: " + target);
      else if (!supervisor.observe().apps().containsKey(target)) throw new NotFound(target);
      else apps.add(target);
    }
    List<String> done = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (String app : apps.stream().distinct().toList()) {
      Reconciler.Outcome outcome = reconciler.restart(app, "reload", progress);
      done.addAll(outcome.plan().lines());
      failures.addAll(outcome.failures());
    }
    return new Response.Applied(done, List.of(), failures, views.table(supervisor.observe()));
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

  private void deleteTargets(List<InstanceId> ids, List<String> targets, Consumer<String> report) {
    String app = ids.getFirst().app();
    boolean wholeApp = targets.contains(app) || targets.contains("all");
    if (wholeApp) {
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

  /** Resolves names, {@code name#i} and {@code all} to instances grouped by app, in table order. */
  private Map<String, List<InstanceId>> resolve(List<String> targets) {
    ObservedState state = supervisor.observe();
    Map<String, List<InstanceId>> byApp = new LinkedHashMap<>();
    for (String target : targets) {
      if (target.equals("all")) {
        state.apps().values().forEach(app -> app.instances().forEach(r -> add(byApp, r.id())));
      } else if (state.apps().containsKey(target)) {
        state.apps().get(target).instances().forEach(r -> add(byApp, r.id()));
      } else if (target.contains("#")) {
        InstanceId id = InstanceId.parse(target);
        ObservedApp app = state.apps().get(id.app());
        if (app == null || app.instances().stream().noneMatch(r -> r.id().equals(id))) throw new NotFound(target);
        add(byApp, id);
      } else {
        throw new NotFound(target);
      }
    }
    return byApp;
  }

  private static void add(Map<String, List<InstanceId>> byApp, InstanceId id) {
    List<InstanceId> ids = byApp.computeIfAbsent(id.app(), app -> new ArrayList<>());
    if (!ids.contains(id)) ids.add(id);
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
