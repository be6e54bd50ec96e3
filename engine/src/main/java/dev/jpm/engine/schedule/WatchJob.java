package dev.jpm.engine.schedule;

import java.lang.System.Logger.Level;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** One poll of one app's watch; a poll still walking when the next is due makes that one wait, never overlap. */
@DisallowConcurrentExecution
final class WatchJob implements Job {

  private static final System.Logger LOG = System.getLogger(WatchJob.class.getName());

  final WatchPoller poller;

  WatchJob(WatchPoller poller) {
    this.poller = poller;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      poller.poll();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "watch poll of " + context.getJobDetail().getKey().getName() + " failed", e);
    }
  }
}
