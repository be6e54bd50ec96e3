package dev.jpm.engine.reconcile;

import dev.jpm.engine.health.Readiness;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.Plan;
import dev.jpm.engine.supervise.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run-time half of a plan's {@link Plan.Wait.Ready} edge: once the dependency's steps are done, waits until
 * every instance of the app is {@code started} (online past min_uptime) or {@code ready}, and says why not when it
 * fails. Which step waits for which app is the plan's; a dependency that fails blocks only the steps that wait for
 * it, and through them theirs. Each dependency is awaited once per plan, by whichever step comes first.
 */
final class DependencyGate {

  private final Supervisor supervisor;
  private final TrafficRouter router;
  private final Map<Dependency, CompletableFuture<Optional<String>>> decided = new ConcurrentHashMap<>();

  /** {@code router} may be null: {@code ready} then means started. */
  DependencyGate(Supervisor supervisor, TrafficRouter router) {
    this.supervisor = supervisor;
    this.router = router;
  }

  /** Empty when every wait is met; else why the waiting step must not run. */
  Optional<String> blocker(List<Plan.Wait.Ready> waits) {
    for (Plan.Wait.Ready wait : waits) {
      Dependency dependency = new Dependency(wait.app(), wait.condition());
      CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
      CompletableFuture<Optional<String>> first = decided.putIfAbsent(dependency, mine);
      if (first == null) mine.complete(await(dependency));
      Optional<String> blocked = (first == null ? mine : first).join();
      if (blocked.isPresent()) return blocked;
    }
    return Optional.empty();
  }

  private Optional<String> await(Dependency dependency) {
    ObservedApp app = supervisor.observe().apps().get(dependency.app());
    if (app == null) return Optional.of("its dependency " + dependency.app() + " is not running under jpm");
    AppSpec spec = app.applied();
    for (ProcessRecord instance : app.instances()) {
      ProcessRecord settled = supervisor.awaitSettled(instance.id(), PlanExecutor.settleTimeout(spec));
      if (settled.status() != ProcessStatus.ONLINE)
        return Optional.of("its dependency " + Reconciler.describeFailure(settled));
      if (dependency.condition() == Dependency.Condition.READY && router != null) {
        Optional<String> notReady = awaitReady(spec, settled);
        if (notReady.isPresent()) return notReady;
      }
    }
    return Optional.empty();
  }

  private Optional<String> awaitReady(AppSpec spec, ProcessRecord run) {
    Duration timeout = Duration.ofMillis(spec.restart().minUptimeMs() + spec.listenTimeoutMs() + 2000);
    try {
      var status = router.readiness().awaitDecided(run.id(), run.pid(), timeout);
      if (status.isPresent() && status.get().readiness() == Readiness.READY) return Optional.empty();
      String why = status.map(s -> s.readiness().word() + (s.reason() == null ? "" : ": " + s.reason()))
          .orElse("gone before it was ready");
      return Optional.of("its dependency " + run.id() + " is " + why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while waiting for " + run.id());
    }
  }
}
