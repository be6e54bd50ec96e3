package dev.jpm.engine.supervise;

import static dev.jpm.engine.model.ProcessStatus.ERRORED;
import static dev.jpm.engine.model.ProcessStatus.LAUNCHING;
import static dev.jpm.engine.model.ProcessStatus.ONLINE;
import static dev.jpm.engine.model.ProcessStatus.STOPPED;
import static dev.jpm.engine.model.ProcessStatus.STOPPING;
import static dev.jpm.engine.model.ProcessStatus.WAITING_RESTART;

import dev.jpm.engine.model.ProcessStatus;
import java.util.EnumSet;
import java.util.Set;

/** The edges of an instance's state machine: each names where it may start from and where it leads. */
enum Edge {
  /** A user (or restore) starts a process that is not running. */
  START(LAUNCHING, STOPPED, ERRORED, WAITING_RESTART),
  /** The restart policy starts the process again, at once or after its delay. */
  AUTO_RESTART(LAUNCHING, ONLINE, WAITING_RESTART),
  LAUNCHED(ONLINE, LAUNCHING),
  LAUNCH_FAILED(ERRORED, LAUNCHING),
  EXITED_DONE(STOPPED, ONLINE),
  EXITED_CRASH_LOOP(ERRORED, ONLINE),
  EXITED_BACKOFF(WAITING_RESTART, ONLINE),
  STOP_REQUESTED(STOPPING, ONLINE),
  /** Stop of an instance that has no process: cancels a pending restart, clears errored. */
  STOP_IDLE(STOPPED, WAITING_RESTART, ERRORED),
  TREE_GONE(STOPPED, STOPPING),
  TREE_SURVIVED(ERRORED, STOPPING),
  /** restore(): recorded as stopped by the previous daemon, so not started again. */
  RESTORED_STOPPED(STOPPED, STOPPED),
  /** restore(): recorded as errored by the previous daemon, so not started again. */
  RESTORED_ERRORED(ERRORED, STOPPED),
  /** restore(): recorded online by the previous daemon and still running: taken over as it is, not restarted. */
  ADOPTED(ONLINE, STOPPED);

  private final ProcessStatus to;
  private final Set<ProcessStatus> from;

  Edge(ProcessStatus to, ProcessStatus first, ProcessStatus... rest) {
    this.to = to;
    this.from = EnumSet.of(first, rest);
  }

  ProcessStatus to() {
    return to;
  }

  boolean allowedFrom(ProcessStatus status) {
    return from.contains(status);
  }
}
