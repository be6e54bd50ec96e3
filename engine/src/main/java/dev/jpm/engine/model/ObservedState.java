package dev.jpm.engine.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A consistent snapshot of the process table, by app name. */
public record ObservedState(Map<String, ObservedApp> apps) {

  public static final ObservedState EMPTY = new ObservedState(Map.of());

  public ObservedState {
    apps = Collections.unmodifiableMap(new TreeMap<>(apps));
  }
}
