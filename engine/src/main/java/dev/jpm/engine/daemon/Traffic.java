package dev.jpm.engine.daemon;

import dev.jpm.engine.balance.Balancer;
import dev.jpm.engine.health.ReadinessTracker;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.reconcile.TrafficRouter;
import dev.jpm.engine.supervise.Supervisor;
import java.time.Clock;
import java.util.function.Supplier;

/** Composes readiness, the balancer and the router that joins them, for the daemon. */
final class Traffic {

  private static final System.Logger LOG = System.getLogger(Traffic.class.getName());

  private Traffic() {}

  /**
   * @param reconciler the reconciler, once it exists: a health check that failed restart_after times restarts its
   *     instance through it, like any restart that does not come from the file
   * @param predecessorServing whether the daemon this one replaces still serves the front ports ({@code jpm update})
   */
  static TrafficRouter start(Supervisor supervisor, Clock clock, Supplier<Reconciler> reconciler,
      java.util.function.BooleanSupplier predecessorServing) {
    ReadinessTracker readiness = new ReadinessTracker(supervisor, clock, (id, cause) -> restart(reconciler, id, cause));
    TrafficRouter router = new TrafficRouter(supervisor, readiness, new Balancer(predecessorServing));
    // Apps restored from the saved table are already registered: open their front ports and watch their processes.
    router.syncFrontPorts();
    readiness.refresh();
    return router;
  }

  private static void restart(Supplier<Reconciler> reconciler, InstanceId id, String cause) {
    LOG.log(System.Logger.Level.WARNING, "restarting " + id + ": " + cause);
    try {
      Reconciler.Outcome outcome = reconciler.get().restartInstance(id, "health check: " + cause, line -> {});
      outcome.failures().forEach(failure -> LOG.log(System.Logger.Level.WARNING, failure));
    } catch (IllegalArgumentException gone) {
      LOG.log(System.Logger.Level.INFO, id + " is gone; no restart");
    }
  }
}
