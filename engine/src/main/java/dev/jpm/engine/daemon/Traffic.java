package dev.jpm.engine.daemon;

import dev.jpm.engine.balance.Balancer;
import dev.jpm.engine.health.ReadinessTracker;
import dev.jpm.engine.reconcile.TrafficRouter;
import dev.jpm.engine.supervise.Supervisor;
import java.time.Clock;

/** Composes readiness, the balancer and the router that joins them, for the daemon. */
final class Traffic {

  private static final System.Logger LOG = System.getLogger(Traffic.class.getName());

  private Traffic() {}

  static TrafficRouter start(Supervisor supervisor, Clock clock) {
    ReadinessTracker readiness = new ReadinessTracker(supervisor, clock, (id, cause) -> {
      // A failing health check restarts the instance it belongs to; the restart blocks this watch's thread only.
      LOG.log(System.Logger.Level.WARNING, "restarting " + id + ": " + cause);
      try {
        supervisor.restart(id);
      } catch (IllegalArgumentException gone) {
        LOG.log(System.Logger.Level.INFO, id + " is gone; no restart");
      }
    });
    TrafficRouter router = new TrafficRouter(supervisor, readiness, new Balancer());
    // Apps restored from the saved table are already registered: open their front ports and watch their processes.
    router.syncFrontPorts();
    readiness.refresh();
    return router;
  }
}
