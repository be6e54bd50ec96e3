package dev.jpm.engine.schedule;

import dev.jpm.engine.reconcile.Reconciler;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where a schedule asks for a restart: through {@link Reconciler#restart}, so a cron or watch
 * restart is rolling (one instance at a time, each waited for) like any other, and a stopped app is started. A
 * request is refused while a rollout of the app is in progress or while the previous scheduled restart of it still
 * runs, so restarts never overlap. The restart runs on its own virtual thread: a Quartz worker is never held for a
 * rollout.
 */
final class AppRestarts {

  private static final System.Logger LOG = System.getLogger(AppRestarts.class.getName());

  private final Reconciler reconciler;
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  AppRestarts(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  /** Starts a restart of {@code app} for {@code cause}; false (and nothing done) when it would overlap another. */
  boolean request(String app, String cause) {
    if (reconciler.rolloutInProgress(app) || !running.add(app)) return false;
    Thread.ofVirtual().name("jpm-scheduled-restart-" + app).start(() -> {
      try {
        event(app, "restarting (" + cause + ")");
        Reconciler.Outcome outcome = reconciler.restart(app, cause, line -> {});
        if (!outcome.converged()) event(app, "restart (" + cause + ") did not settle: " + outcome.failures());
      } catch (IllegalArgumentException deleted) {
        LOG.log(Level.DEBUG, app + " was deleted before its scheduled restart");
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "scheduled restart of " + app + " failed", e);
      } finally {
        running.remove(app);
      }
    });
    return true;
  }

  /** A daemon event about {@code app}; the one call site for the daemon's event stream. */
  static void event(String app, String line) {
    LOG.log(Level.INFO, app + ": " + line);
  }
}
