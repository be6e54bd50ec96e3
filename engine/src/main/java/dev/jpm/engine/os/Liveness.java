package dev.jpm.engine.os;

/**
 * Whether a process still runs. {@link ProcessHandle#isAlive()} also says yes for a zombie: a process that has
 * exited and only waits for its parent to reap it. Orphans are reaped by PID 1, which on some machines (this
 * project's CI among them) takes seconds; waiting for that would make every stop look slow.
 */
public final class Liveness {

  private Liveness() {}

  /** Alive and not a zombie. */
  public static boolean isRunning(ProcessHandle handle) {
    // Without /proc the state is '?': a zombie cannot be told apart, and taking it as alive only makes a stop wait.
    return handle.isAlive() && ProcStat.state(handle.pid()) != 'Z';
  }

  /** Alive and not a zombie; false for a pid that does not exist. */
  public static boolean isRunning(long pid) {
    return ProcessHandle.of(pid).map(Liveness::isRunning).orElse(false);
  }
}
