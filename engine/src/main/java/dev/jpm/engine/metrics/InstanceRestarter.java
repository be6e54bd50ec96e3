package dev.jpm.engine.metrics;

import dev.jpm.engine.model.InstanceId;

/** The one restart path, as the memory guard sees it: blocks until the instance was restarted (or failed to). */
@FunctionalInterface
public interface InstanceRestarter {

  /** Restarts {@code id}; {@code cause} is what users read in {@code show} and the restart history. */
  void restart(InstanceId id, String cause);
}
