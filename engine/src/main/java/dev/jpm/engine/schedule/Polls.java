package dev.jpm.engine.schedule;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named group of periodic jobs on the daemon's one Quartz scheduler, for polls that are not about an app's
 * spec (the GitOps sources). Each fire runs its task on a virtual thread of its own, so a long apply never holds
 * one of Quartz's two workers nor delays another poll; whether a fire may overlap the previous one is the task's
 * business.
 */
public final class Polls implements AutoCloseable {

  private final Schedules schedules;
  private final String group;
  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  Polls(Schedules schedules, String group) {
    this.schedules = schedules;
    this.group = group;
  }

  /** Runs {@code task} every {@code interval}, the first time after {@code firstDelay}; replaces {@code key}'s job. */
  public void every(String key, Duration interval, Duration firstDelay, Runnable task) {
    keys.add(key);
    schedules.every(group, key, interval, firstDelay,
        () -> Thread.ofVirtual().name("jpm-" + group + "-" + key).start(task));
  }

  /** Stops polling {@code key}. */
  public void cancel(String key) {
    keys.remove(key);
    schedules.cancel(group, key);
  }

  /** Stops every poll of this group. */
  @Override
  public void close() {
    for (String key : Set.copyOf(keys)) cancel(key);
  }
}
