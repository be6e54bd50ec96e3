package dev.jpm.engine.reconcile;

import dev.jpm.engine.health.Readiness;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.supervise.Supervisor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Holds back the start of an app until each of its {@code depends_on} apps meets its condition: {@code started}
 * (every instance online past min_uptime) or {@code ready} (every instance ready). A dependency that fails its
 * condition blocks only its dependents, and through them theirs. Each dependency is awaited once per plan.
 */
final class DependencyGate {

  private final Supervisor supervisor;
  private final TrafficRouter router;
  private final Map<Dependency, Optional<String>> decided = new HashMap<>();

  /** {@code router} may be null: {@code ready} then means started. */
  DependencyGate(Supervisor supervisor, TrafficRouter router) {
    this.supervisor = supervisor;
    this.router = router;
  }

  /** Empty when {@code spec} may start; else why it must not. */
  Optional<String> blocker(AppSpec spec) {
    for (Dependency dependency : spec.dependsOn()) {
      Optional<String> blocked = decided.computeIfAbsent(dependency, this::await);
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
