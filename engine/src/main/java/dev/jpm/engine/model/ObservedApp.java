package dev.jpm.engine.model;

import java.util.Comparator;
import java.util.List;

/**
 * One app as the daemon knows it: the spec it was last applied with, its instances sorted by index, and the
 * replacements a rolling reload is readying beside them ({@code surges}, not instances yet). Surges are in the table
 * so that a daemon killed mid-reload leaves no process its successor does not know about.
 *
 * @param learnedPort the port the app's code listens on, as jpm's Node preload reported it, for an app that {@link
 *     AppSpec#learnsPort() learns its port}; null when not known (or the port is declared). Kept with the table so a
 *     daemon that adopts the app opens the same front port.
 */
public record ObservedApp(AppSpec applied, List<ProcessRecord> instances, List<ProcessRecord> surges,
    Integer learnedPort) {

  public ObservedApp {
    java.util.Objects.requireNonNull(applied, "applied");
    instances = instances.stream().sorted(Comparator.comparing(ProcessRecord::id)).toList();
    // A table saved before surges were recorded has none.
    surges = surges == null ? List.of() : surges.stream().sorted(Comparator.comparing(ProcessRecord::id)).toList();
  }

  /** An app with no replacement in progress. */
  public ObservedApp(AppSpec applied, List<ProcessRecord> instances) {
    this(applied, instances, List.of(), null);
  }

  /** The port jpm's balancer owns for this app: the declared one, else the learned one; null when neither. */
  public Integer frontPort() {
    return applied.port() != null ? applied.port() : applied.learnsPort() ? learnedPort : null;
  }
}
