package dev.jpm.engine.schedule;

import dev.jpm.engine.model.CronSchedule;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessStatus;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The jobs the table asks for, read from the specs the daemon applied: a cron job for each app with a
 * {@code cron_restart} (stopped apps included: the tick starts them), a watch job for each app that watches, and
 * which of those watches are paused. Pure.
 *
 * @param crons app → its cron schedule
 * @param watches app → watch settings
 * @param paused apps whose watch is paused: every instance stopped (by the user or its own clean exit), none
 *     waiting for a requested restart. An errored app keeps its watch, so saving a fix restarts it.
 */
record ScheduleWanted(Map<String, CronSchedule> crons, Map<String, WatchSettings> watches, Set<String> paused) {

  static ScheduleWanted of(ObservedState state, Path jpmHome) {
    Map<String, CronSchedule> crons = new TreeMap<>();
    Map<String, WatchSettings> watches = new TreeMap<>();
    Set<String> paused = new TreeSet<>();
    for (ObservedApp app : state.apps().values()) {
      String name = app.applied().name();
      if (app.applied().cronRestart() != null) crons.put(name, app.applied().cronRestart());
      WatchSettings watch = WatchSettings.of(app.applied(), jpmHome);
      if (watch == null) continue;
      watches.put(name, watch);
      if (isStopped(app)) paused.add(name);
    }
    return new ScheduleWanted(crons, watches, paused);
  }

  private static boolean isStopped(ObservedApp app) {
    return !app.instances().isEmpty() && app.instances().stream()
        .allMatch(record -> record.status() == ProcessStatus.STOPPED && !record.restartRequested());
  }
}
