package dev.jpm.engine.metrics;

import java.util.List;
import java.util.Set;

/** The processes a sample needs, at one moment: the only effect a sample has. */
interface ProcessSource extends AutoCloseable {

  /**
   * Every process of the trees of {@code roots} (each root and all its descendants) and the process {@code lone}
   * (without its descendants); it may return more.
   */
  List<ProcessSample> processes(Set<Long> roots, long lone);

  /** Lets go of what the source holds open. */
  @Override
  default void close() {}
}
