package dev.jpm.engine.supervise;

/**
 * PM2's {@code pm_id} counter: every new instance takes the next number, so a number is never given twice while the
 * table has apps; as in PM2 ({@code God.getNewId}), it starts again at 0 once the table is empty. Not thread-safe:
 * the supervisor's monitor guards it.
 */
final class PmIds {

  private int next;

  /** The number the next new instance gets. */
  int next() {
    return next;
  }

  int allocate() {
    return next++;
  }

  /** Continues after a saved table: never below what it had given out. */
  void continueFrom(int savedNext) {
    next = Math.max(next, savedNext);
  }

  /** The table became empty. */
  void reset() {
    next = 0;
  }
}
