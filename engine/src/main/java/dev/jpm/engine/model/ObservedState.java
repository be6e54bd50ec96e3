package dev.jpm.engine.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consistent snapshot of the process table, by app name.
 *
 * @param apps the apps, by name
 * @param nextPmId the {@code pm_id} the next new instance gets: saved with the table so a number is never given
 *     twice while the table lives, across daemon restarts too (a table saved before pm_ids has none: then one more
 *     than the highest it holds)
 */
public record ObservedState(Map<String, ObservedApp> apps, int nextPmId) {

  public static final ObservedState EMPTY = new ObservedState(Map.of());

  public ObservedState {
    apps = Collections.unmodifiableMap(new TreeMap<>(apps));
    int highest = apps.values().stream().flatMap(app -> app.instances().stream())
        .map(ProcessRecord::pmId).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).max().orElse(-1);
    nextPmId = Math.max(nextPmId, highest + 1);
  }

  /** A snapshot whose next pm_id follows the highest one it holds. */
  public ObservedState(Map<String, ObservedApp> apps) {
    this(apps, 0);
  }
}
