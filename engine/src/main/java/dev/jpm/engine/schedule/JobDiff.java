package dev.jpm.engine.schedule;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the jobs of one kind must change so that they match the table: the apps whose job goes away, comes new or is
 * rescheduled with other settings. Pure; keys are app names, values the settings a job is made from.
 *
 * @param removed apps whose job must be removed
 * @param added apps that need a job, with its settings
 * @param changed apps whose job must be replaced by one with these settings
 */
record JobDiff<T>(Set<String> removed, Map<String, T> added, Map<String, T> changed) {

  static <T> JobDiff<T> between(Map<String, T> current, Map<String, T> wanted) {
    Set<String> removed = new TreeSet<>(current.keySet());
    removed.removeAll(wanted.keySet());
    Map<String, T> added = new TreeMap<>();
    Map<String, T> changed = new TreeMap<>();
    wanted.forEach((app, settings) -> {
      if (!current.containsKey(app)) added.put(app, settings);
      else if (!current.get(app).equals(settings)) changed.put(app, settings);
    });
    return new JobDiff<>(removed, added, changed);
  }

  boolean isEmpty() {
    return removed.isEmpty() && added.isEmpty() && changed.isEmpty();
  }
}
