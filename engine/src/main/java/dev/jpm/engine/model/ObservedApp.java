package dev.jpm.engine.model;

import java.util.Comparator;
import java.util.List;

/**
 * One app as the daemon knows it: the spec it was last applied with, its instances sorted by index, and the
 * replacements a rolling reload is readying beside them ({@code surges}, not instances yet). Surges are in the table
 * so that a daemon killed mid-reload leaves no process its successor does not know about.
 */
public record ObservedApp(AppSpec applied, List<ProcessRecord> instances, List<ProcessRecord> surges) {

  public ObservedApp {
    java.util.Objects.requireNonNull(applied, "applied");
    instances = instances.stream().sorted(Comparator.comparing(ProcessRecord::id)).toList();
    // A table saved before surges were recorded has none.
    surges = surges == null ? List.of() : surges.stream().sorted(Comparator.comparing(ProcessRecord::id)).toList();
  }

  /** An app with no replacement in progress. */
  public ObservedApp(AppSpec applied, List<ProcessRecord> instances) {
    this(applied, instances, List.of());
  }
}
