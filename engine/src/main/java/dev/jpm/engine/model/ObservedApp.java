package dev.jpm.engine.model;

import java.util.Comparator;
import java.util.List;

/** One app as the daemon knows it: the spec it was last applied with and its instances, sorted by index. */
public record ObservedApp(AppSpec applied, List<ProcessRecord> instances) {

  public ObservedApp {
    java.util.Objects.requireNonNull(applied, "applied");
    instances = instances.stream().sorted(Comparator.comparing(ProcessRecord::id)).toList();
  }
}
