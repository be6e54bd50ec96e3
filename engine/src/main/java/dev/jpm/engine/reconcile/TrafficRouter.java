package dev.jpm.engine.reconcile;

import dev.jpm.engine.balance.Balancer;
import dev.jpm.engine.health.Readiness;
import dev.jpm.engine.health.ReadinessTracker;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.supervise.Supervisor;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Connects readiness to the balancer: a balanced app gets its front port while it is registered, a process that
 * becomes ready is admitted to its app's rotation, one that fails its checks or is gone leaves it. A process the
 * reconciler drains (a reload or scale-down is about to stop it) is never admitted again. Also remembers why an
 * app is degraded (an aborted rollout, a front port that cannot be bound) for {@code ls} and {@code show}.
 */
public final class TrafficRouter {

  private static final System.Logger LOG = System.getLogger(TrafficRouter.class.getName());

  private final Supervisor supervisor;
  private final ReadinessTracker readiness;
  private final Balancer balancer;
  private final Set<String> draining = ConcurrentHashMap.newKeySet();
  private final Map<String, String> degraded = new ConcurrentHashMap<>();

  public TrafficRouter(Supervisor supervisor, ReadinessTracker readiness, Balancer balancer) {
    this.supervisor = supervisor;
    this.readiness = readiness;
    this.balancer = balancer;
    readiness.onChange(this::readinessChanged);
    // The table as it is inside this lock, not the notification's snapshot: the plan executor syncs too, and an
    // older table applied after its sync would reopen a front port the app just left for its shared socket.
    supervisor.onChange(state -> syncFrontPorts());
  }

  public ReadinessTracker readiness() {
    return readiness;
  }

  public Balancer balancer() {
    return balancer;
  }

  /** Why {@code app} is degraded, if it is. */
  public Optional<String> degraded(String app) {
    return Optional.ofNullable(degraded.get(app));
  }

  void markDegraded(String app, String reason) {
    degraded.put(app, reason);
  }

  void clearDegraded(String app) {
    degraded.remove(app);
  }

  /**
   * Takes the process out of rotation and waits until its open connections end or {@code timeout} passes; true when
   * they all ended.
   */
  boolean drain(AppSpec spec, ProcessRecord run, Duration timeout) {
    if (!spec.balanced() || run.pid() <= 0) return true;
    draining.add(key(run.id(), run.pid()));
    CompletableFuture<Void> drained = balancer.drain(spec.name(), run.id(), run.pid());
    try {
      drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    }
  }

  /**
   * Before a stop of {@code id} (jpm stop, restart, delete, a scale-down): takes its process out of its balanced
   * app's rotation and lets its open connections finish, up to the app's drain_timeout. True when none was left
   * open, or the app is not balanced.
   */
  public boolean drainBeforeStop(InstanceId id) {
    ObservedApp app = supervisor.observe().apps().get(id.app());
    if (app == null || !app.applied().balanced()) return true;
    Duration timeout = Duration.ofMillis(app.applied().traffic().drainTimeoutMs());
    return app.instances().stream().filter(run -> run.id().equals(id)).findFirst()
        .map(run -> drain(app.applied(), run, timeout)).orElse(true);
  }

  /**
   * Opens, moves or closes front ports to match the registered balanced apps whose port is known (declared, or
   * learned from their Node instances).
   */
  public synchronized void syncFrontPorts() {
    Map<String, ObservedApp> apps = supervisor.observe().apps();
    for (String app : balancer.apps()) {
      ObservedApp observed = apps.get(app);
      if (observed == null || !observed.applied().balanced() || observed.frontPort() == null) balancer.unlisten(app);
    }
    for (ObservedApp app : apps.values()) {
      AppSpec spec = app.applied();
      if (!spec.balanced() || app.frontPort() == null) continue;
      boolean wasListening = balancer.apps().contains(spec.name());
      try {
        balancer.listen(spec.name(), spec.traffic().host(), app.frontPort(), spec.traffic().proxyProtocol());
        if (degraded.getOrDefault(spec.name(), "").startsWith("cannot listen")) degraded.remove(spec.name());
      } catch (IOException e) {
        if (!e.getMessage().equals(degraded.get(spec.name())))
          LOG.log(System.Logger.Level.WARNING, e.getMessage());
        degraded.put(spec.name(), e.getMessage());
        continue;
      }
      if (!wasListening) admitReady(app);
    }
  }

  /** A front port opened after its processes became ready: admit those. */
  private void admitReady(ObservedApp app) {
    for (ProcessRecord run : app.instances()) {
      readiness.current(run).filter(s -> s.readiness() == Readiness.READY)
          .ifPresent(s -> admit(app.applied(), run));
    }
  }

  private void readinessChanged(AppSpec spec, ProcessRecord run, Readiness state) {
    if (!spec.balanced()) return;
    if (state == Readiness.READY) admit(spec, run);
    else balancer.forget(spec.name(), run.id(), run.pid());
    if (state == null) draining.remove(key(run.id(), run.pid()));
  }

  private void admit(AppSpec spec, ProcessRecord run) {
    if (draining.contains(key(run.id(), run.pid()))) return;
    balancer.admit(spec.name(), run.id(), run.pid(), run.port());
  }

  private static String key(InstanceId id, long pid) {
    return id + "@" + pid;
  }
}
