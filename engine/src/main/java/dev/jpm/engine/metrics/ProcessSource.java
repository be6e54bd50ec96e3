package dev.jpm.engine.metrics;

import java.util.List;

/** Every process of the machine at one moment: the only effect a sample has. */
interface ProcessSource {

  /** One pass over the OS process list. */
  List<ProcessSample> processes();
}
