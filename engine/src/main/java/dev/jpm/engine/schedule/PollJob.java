package dev.jpm.engine.schedule;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** One fire of a {@link Polls} job: hands the work off at once, so Quartz's worker is free again. */
final class PollJob implements Job {

  private final Runnable fire;

  PollJob(Runnable fire) {
    this.fire = fire;
  }

  @Override
  public void execute(JobExecutionContext context) {
    fire.run();
  }
}
