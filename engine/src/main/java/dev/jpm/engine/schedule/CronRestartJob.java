package dev.jpm.engine.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The cron tick of one app: asks for a rolling restart (which starts the app when stopped: PM2's one-shot job
 * pattern). A tick that comes while the previous restart still runs is skipped, not queued.
 */
@DisallowConcurrentExecution
final class CronRestartJob implements Job {

  private final String app;
  private final String cron;
  private final AppRestarts restarts;

  CronRestartJob(String app, String cron, AppRestarts restarts) {
    this.app = app;
    this.cron = cron;
    this.restarts = restarts;
  }

  @Override
  public void execute(JobExecutionContext context) {
    if (!restarts.request(app, "cron " + cron))
      AppRestarts.event(app, "cron " + cron + ": skipped, a rollout of the app is in progress");
  }
}
