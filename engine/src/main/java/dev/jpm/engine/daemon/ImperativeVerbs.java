package dev.jpm.engine.daemon;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.plan.VerbPlanner;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.Supervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** Resolves the targets; the reconciler plans and carries out the verb. The reply lists its progress lines. */
  Response control(Request.Control request, Consumer<String> progress) {
    if (request.verb() == null) throw new IllegalArgumentException("the request names no verb (verb)");
    Targets.Resolved resolved = Targets.resolve(request.targets(), supervisor.observe());
    List<String> done = java.util.Collections.synchronizedList(new ArrayList<>());
    Reconciler.Outcome outcome = reconciler.control(VerbPlanner.Verb.valueOf(request.verb().name()), resolved.byApp(),
        resolved.wholeApps(), line -> {
          done.add(line);
          progress.accept(line);
        });
    return new Response.Applied(List.copyOf(done), List.of(), outcome.failures(), views.table(supervisor.observe()));
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
    Set<String> replace = new java.util.LinkedHashSet<>();
    for (AppSpec spec : apps)
      if (table.containsKey(spec.name()) && (only.isEmpty() || only.contains(spec.name()))) replace.add(spec.name());
    DesiredState pinned = new DesiredState(desired.source(), desired.profile(), apps, desired.metrics());
    Reconciler.Outcome outcome = reconciler.restartAndApply(pinned, new PlanOptions(false, only), replace, cause,
        progress);
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
}
