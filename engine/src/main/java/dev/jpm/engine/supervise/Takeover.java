package dev.jpm.engine.supervise;

import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;

/**
 * What a new daemon does with one run the dead one recorded, decided from the record and from whether its process
 * still runs with the recorded start time (pure). Only an online instance whose process runs is adopted: a surge
 * belonged to a rollout that died with the daemon, a launching or stopping one was in the middle of a change that
 * the next reconcile redoes, one beyond the app's instance count was being removed by a scale-down (and is
 * forgotten), and a pid that is gone or now names another process has nothing to adopt.
 */
sealed interface Takeover {

  /** Taken over as it runs: same pid, counters kept. */
  record Adopt() implements Takeover {}

  /** Its tree runs but is not adopted: stopped, for {@code why}. */
  record Stop(String why) implements Takeover {}

  /** Nothing of it runs; {@code why} is worth a line in daemon.log when it was meant to run, else null. */
  record Gone(String why) implements Takeover {}

  /**
   * @param surge the record is a rollout's replacement, not an instance
   * @param instances how many instances the app's saved spec has: one beyond them is the remains of a scale-down
   *     the dead daemon was doing, which the new one finishes (otherwise it would stay as a phantom stopped instance)
   * @param rootRuns the recorded pid runs and started at the recorded time
   */
  static Takeover decide(ProcessRecord record, boolean surge, int instances, boolean rootRuns) {
    boolean beyond = !surge && record.id().index() >= instances;
    if (beyond) {
      String why = record.id() + " is beyond the app's " + instances + " instances: the dead daemon was scaling down";
      return rootRuns ? new Stop(why) : new Gone(why);
    }
    if (!rootRuns) {
      boolean expected = record.pid() > 0 && (surge || record.status().isActive());
      return new Gone(expected ? "pid " + record.pid() + " is gone or now runs another process (start time differs)"
          : null);
    }
    if (surge) return new Stop("pid " + record.pid() + " was the replacement of a rollout the dead daemon was doing");
    if (record.status() == ProcessStatus.ONLINE) return new Adopt();
    return new Stop("pid " + record.pid() + " was " + record.status().word() + ", not online");
  }
}
