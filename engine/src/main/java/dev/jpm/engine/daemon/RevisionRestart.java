package dev.jpm.engine.daemon;

import dev.jpm.engine.git.AppRestart;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.Supervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The restart a new git revision causes: every instance of the app, one at a time, each waited for before the
 * next (a rolling restart). The one call site to move onto {@code Reconciler.restart(app, cause, progress)} when
 * restart generations land, so a revision restart rolls like every other restart.
 */
final class RevisionRestart implements AppRestart {

  private final Supervisor supervisor;

  RevisionRestart(Supervisor supervisor) {
    this.supervisor = supervisor;
  }

  @Override
  public List<String> restart(String app, String cause, Consumer<String> progress) {
    ObservedApp observed = supervisor.observe().apps().get(app);
    if (observed == null) throw new ImperativeVerbs.NotFound(app);
    List<String> failures = new ArrayList<>();
    for (ProcessRecord record : observed.instances()) {
      InstanceId id = record.id();
      ProcessRecord restarted = supervisor.restart(id);
      progress.accept("restarted " + id + " (" + cause + ")" + (restarted.pid() > 0 ? " pid " + restarted.pid() : ""));
      ProcessRecord settled = supervisor.awaitSettled(id, Reconciler.settleTimeout(observed.applied()));
      if (settled.status() != ProcessStatus.ONLINE) failures.add(Reconciler.describeFailure(settled));
    }
    return failures;
  }
}
