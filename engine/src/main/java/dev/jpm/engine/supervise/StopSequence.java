package dev.jpm.engine.supervise;

import dev.jpm.engine.os.Signals;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stops one process tree as PM2 does, but never leaves a survivor: the stop signal to the whole tree, a poll
 * until every member is gone (and one as soon as the root's exit is seen, so a stop rarely waits for a poll tick), SIGKILL to the tree after {@code kill_timeout}, and a final SIGKILL sweep of the
 * process group. The stop signal is sent on the caller's thread (fifty stops at once must not queue behind each
 * other on one thread); polls and escalation run on the supervisor's timer thread. The tree is synchronized, so
 * they never interleave; callers wait on the returned future.
 */
final class StopSequence {

  /** How the tree ended. */
  enum Outcome {
    /** Every process exited after the stop signal. */
    GRACEFUL,
    /** Something outlived kill_timeout and was SIGKILLed. */
    KILLED,
    /** Processes survived even SIGKILL for {@link #KILL_GRACE_MS}; the caller reports them. */
    SURVIVED
  }

  static final long POLL_MS = 25;
  /** After SIGKILL the kernel needs moments, not seconds; past this something is wrong (e.g. D state). */
  static final long KILL_GRACE_MS = 5000;

  private final ProcessTree tree;
  private final CompletableFuture<Outcome> done = new CompletableFuture<>();
  private boolean escalated;

  private StopSequence(ProcessTree tree) {
    this.tree = tree;
  }

  /** Starts stopping {@code tree}: {@code signal} now, SIGKILL after {@code killTimeoutMs}. */
  static CompletableFuture<Outcome> start(ProcessTree tree, int signal, long killTimeoutMs,
      ScheduledExecutorService timer) {
    tree.signal(signal);
    return watch(tree, signal == Signals.KILL ? 0 : killTimeoutMs, killTimeoutMs, timer);
  }

  /**
   * The same for a tree whose root was asked to stop another way (PM2's {@code shutdown} message): no signal now,
   * SIGKILL after {@code killTimeoutMs}.
   */
  static CompletableFuture<Outcome> afterAsking(ProcessTree tree, long killTimeoutMs, ScheduledExecutorService timer) {
    return watch(tree, killTimeoutMs, killTimeoutMs, timer);
  }

  private static CompletableFuture<Outcome> watch(ProcessTree tree, long escalateMs, long killTimeoutMs,
      ScheduledExecutorService timer) {
    StopSequence sequence = new StopSequence(tree);
    List<ScheduledFuture<?>> tasks = List.of(
        timer.scheduleWithFixedDelay(sequence::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS),
        timer.schedule(sequence::escalate, escalateMs, TimeUnit.MILLISECONDS),
        timer.schedule(sequence::giveUp, killTimeoutMs + KILL_GRACE_MS, TimeUnit.MILLISECONDS));
    tree.rootExited().thenRun(() -> {
      try {
        timer.execute(sequence::poll);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // The supervisor is closing: the waiting caller is released by its own shutdown.
      }
    });
    sequence.done.whenComplete((outcome, failure) -> tasks.forEach(task -> task.cancel(false)));
    return sequence.done;
  }

  private void poll() {
    if (done.isDone()) return;
    try {
      if (tree.survivors().isEmpty()) {
        tree.sweepGroup();
        done.complete(escalated ? Outcome.KILLED : Outcome.GRACEFUL);
      }
    } catch (RuntimeException e) {
      // A periodic task that throws is silently never run again: hand the failure to the waiting caller.
      done.completeExceptionally(e);
    }
  }

  private void escalate() {
    if (done.isDone() || tree.survivors().isEmpty()) return;
    escalated = true;
    tree.signal(Signals.KILL);
  }

  private void giveUp() {
    if (!done.isDone()) done.complete(Outcome.SURVIVED);
  }
}
