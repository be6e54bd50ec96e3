package dev.jpm.engine.gitops;

import java.util.List;
import java.util.function.Consumer;

/**
 * The one restart path for restarts that come from outside the ecosystem file: the daemon gives the gitops package
 * the reconciler's rolling restart, so a new revision rolls like any other restart.
 */
@FunctionalInterface
public interface AppRestart {

  /**
   * Restarts every instance of {@code app}, one at a time; blocks until done.
   *
   * @param cause why, shown in progress and recorded (e.g. {@code pull 1a2b3c4})
   * @return one line per instance that did not come back online; empty when all did
   */
  List<String> restart(String app, String cause, Consumer<String> progress);
}
