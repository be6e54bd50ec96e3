package dev.jpm.engine.reconcile;

import dev.jpm.engine.health.Readiness;
import dev.jpm.engine.health.ReadinessTracker;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.supervise.Supervisor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Replaces one running instance with a process of the app's current spec, keeping traffic whole (how many at once
 * is the plan's rollout group, held by {@link RolloutWindow}):
 * <ul>
 *   <li>a balanced app with {@code max_surge} &gt; 0: start the replacement beside the old process, wait until it
 *       is ready (it is then in rotation), drain the old one, stop it (stop signal, kill_timeout, SIGKILL);</li>
 *   <li>an app whose instances inherit one socket ({@code socket_activation}) with {@code max_surge} &gt; 0: start
 *       the replacement, wait until it is ready, put it in the old one's place and let the old process stop in the
 *       background (no drain: it stops accepting from the shared socket on its stop signal, and whatever waits in
 *       the socket's queue goes to the others); the rollout step ends once it has stopped, but the next replacement
 *       starts meanwhile;</li>
 *   <li>a balanced app with {@code max_surge: 0}: drain the old process, restart, wait until ready (capacity -1);</li>
 *   <li>any other app: restart, wait until settled and ready.</li>
 * </ul>
 * A replacement that is not ready within listen_timeout is stopped and the old process keeps serving: the
 * rollout aborts with the reason (nothing half-replaced).
 */
final class RollingReplacer {

  /** Beyond min_uptime and listen_timeout, the time a decision may take to reach us. */
  private static final long SLACK_MS = 2000;

  private final Supervisor supervisor;
  private final TrafficRouter router;
  private final Consumer<String> progress;
  /** Old processes stopping in the background, by the instance whose replacement took their place. */
  private final Map<InstanceId, CompletableFuture<ProcessRecord>> retiring = new ConcurrentHashMap<>();

  /** {@code router} may be null (no traffic handling: plain restarts). */
  RollingReplacer(Supervisor supervisor, TrafficRouter router, Consumer<String> progress) {
    this.supervisor = supervisor;
    this.router = router;
    this.progress = progress;
  }

  /**
   * Whether a replacement of {@code id} can start beside its process: it serves and the app's port is balanced or
   * shared.
   */
  boolean canSurge(AppSpec spec, InstanceId id) {
    ProcessRecord old = current(id);
    return router != null && (spec.balanced() || spec.sharesPort() || spec.inheritsSocket())
        && spec.traffic().maxSurge() > 0 && serving(old);
  }

  /**
   * Replaces {@code id} for {@code cause}, beside its process when {@code place} is a surge place and it can surge
   * (else in place); returns empty on success, else why the rollout of its app must stop.
   */
  Optional<String> replace(AppSpec spec, InstanceId id, String cause, RolloutWindow.Place place) {
    if (place == RolloutWindow.Place.SURGE && canSurge(spec, id)) return surge(spec, id);
    ProcessRecord old = current(id);
    if (router != null && spec.balanced() && serving(old)) {
      router.drain(spec, old, Duration.ofMillis(spec.traffic().drainTimeoutMs()));
    }
    ProcessRecord restarted = supervisor.restart(id, cause);
    report("restarted", restarted);
    ProcessRecord settled = supervisor.awaitSettled(id, PlanExecutor.settleTimeout(spec));
    if (settled.status() != ProcessStatus.ONLINE) return Optional.of(Reconciler.describeFailure(settled));
    return awaitReady(spec, settled).map(reason -> id + " " + reason);
  }

  private Optional<String> surge(AppSpec spec, InstanceId id) {
    ProcessRecord started = supervisor.startSurge(id);
    if (started.pid() <= 0) {
      supervisor.discardSurge(id);
      return Optional.of(abort(spec, id, "did not launch: " + started.reason()));
    }
    progress.accept("started a replacement of " + id + " (pid " + started.pid() + ")");
    Optional<String> notReady = awaitReady(spec, started);
    if (notReady.isPresent()) {
      supervisor.discardSurge(id);
      return Optional.of(abort(spec, id, notReady.get()));
    }
    ProcessRecord old = current(id);
    if (spec.inheritsSocket()) {
      // The replacement accepts from the same socket already: the old process stops beside the next replacement.
      retiring.put(id, supervisor.promoteSurgeRetiringOld(id));
      progress.accept("replaced " + id + " (pid " + old.pid() + " → " + started.pid() + "; the old one is stopping)");
      return Optional.empty();
    }
    boolean drained = router.drain(spec, old, Duration.ofMillis(spec.traffic().drainTimeoutMs()));
    ProcessRecord promoted = supervisor.promoteSurge(id);
    progress.accept("replaced " + id + " (pid " + old.pid() + " → " + promoted.pid() + (drained ? ""
        : ", connections still open after drain_timeout were closed") + ")");
    return Optional.empty();
  }

  /**
   * Returns once the process that a replacement of {@code id} took the place of has stopped, when it was left to stop
   * in the background (instances that inherit one socket); at once otherwise.
   */
  void awaitRetired(InstanceId id) {
    CompletableFuture<ProcessRecord> stopped = retiring.remove(id);
    if (stopped == null) return;
    try {
      stopped.join();
    } catch (java.util.concurrent.CompletionException e) {
      progress.accept("stopping the old process of " + id + " failed: " + e.getCause());
    }
  }

  /** Empty when the process became ready; else why not. Without a router, settled is all we know. */
  private Optional<String> awaitReady(AppSpec spec, ProcessRecord run) {
    if (router == null) return Optional.empty();
    Duration timeout = Duration.ofMillis(spec.restart().minUptimeMs() + spec.listenTimeoutMs() + SLACK_MS);
    try {
      Optional<ReadinessTracker.Status> status = router.readiness().awaitDecided(run.id(), run.pid(), timeout);
      if (status.isPresent() && status.get().readiness() == Readiness.READY) return Optional.empty();
      if (status.isPresent() && status.get().reason() != null) return Optional.of(status.get().reason());
      if (status.isPresent()) return Optional.of("not ready within " + timeout.toMillis() + " ms");
      ProcessRecord surge = supervisor.surge(run.id());
      ProcessRecord now = surge != null ? surge : current(run.id());
      boolean exitCode = now != null && now.lastExitCode() != null;
      return Optional.of("exited before it was ready" + (exitCode ? " (exit code " + now.lastExitCode() + ")" : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while waiting for readiness");
    }
  }

  private String abort(AppSpec spec, InstanceId id, String why) {
    String reason = "rollout aborted: the replacement of " + id + " " + why + "; the old instances keep serving";
    router.markDegraded(spec.name(), reason);
    return reason;
  }

  private static boolean serving(ProcessRecord run) {
    return run != null && run.status() == ProcessStatus.ONLINE && run.pid() > 0;
  }

  private ProcessRecord current(InstanceId id) {
    var app = supervisor.observe().apps().get(id.app());
    if (app == null) return null;
    return app.instances().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
  }

  private void report(String verb, ProcessRecord record) {
    progress.accept(verb + " " + record.id() + (record.pid() > 0 ? " (pid " + record.pid() + ")"
        : " (" + record.status().word() + (record.reason() == null ? "" : ": " + record.reason()) + ")"));
  }
}
