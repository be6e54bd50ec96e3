package dev.jpm.engine.daemon;

import dev.jpm.engine.model.ObservedState;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes the process table after every change, coalescing bursts: one writer thread always saves the latest
 * snapshot, at most {@link #WRITE_BEHIND} after the first change it has not saved yet, so fifty instances starting
 * at once cost a few writes, not fifty (an apply of 50 apps saved 52 times before, decision 0036). Request handlers
 * call {@link #awaitSaved()} before answering, which saves at once: a change a user was told about is on disk. A
 * daemon that dies within the window loses no process: each one's pid file names it for the next daemon.
 */
final class Persister implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Persister.class.getName());

  /** How long a change may wait for the changes that follow it before the table is saved. */
  static final Duration WRITE_BEHIND = Duration.ofMillis(100);

  private final StateStore store;
  private final Supplier<ObservedState> snapshot;
  private final long writeBehindNanos;
  private final Thread writer;
  private long requested;
  private long saved;
  /** Threads in {@link #awaitSaved()}: while there is one, the writer saves without waiting for more changes. */
  private int awaiting;
  private boolean closed;

  Persister(StateStore store, Supplier<ObservedState> snapshot) {
    this(store, snapshot, WRITE_BEHIND);
  }

  Persister(StateStore store, Supplier<ObservedState> snapshot, Duration writeBehind) {
    this.store = store;
    this.snapshot = snapshot;
    this.writeBehindNanos = writeBehind.toNanos();
    this.writer = Thread.ofPlatform().name("jpm-persist").daemon(true).start(this::writeLoop);
  }

  /** Something changed: save soon. Never blocks. */
  synchronized void changed() {
    requested++;
    notifyAll();
  }

  /** Waits until every change reported before this call is on disk. */
  synchronized void awaitSaved() {
    long target = requested;
    awaiting++;
    notifyAll();
    try {
      while (saved < target && !closed) wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      awaiting--;
    }
  }

  private void writeLoop() {
    while (true) {
      long generation;
      synchronized (this) {
        while (saved == requested && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed && saved == requested) return;
        if (!gatherBurst()) return;
        generation = requested;
      }
      try {
        store.save(snapshot.get());
      } catch (IOException | RuntimeException e) {
        // A full disk must not stop the daemon; the next change retries with the then-current table.
        LOG.log(Level.ERROR, "could not save the process table: " + e);
      }
      synchronized (this) {
        saved = generation;
        notifyAll();
      }
    }
  }

  /** Waits out the write-behind window, cut short by a waiter or by close; false when interrupted. */
  private boolean gatherBurst() {
    long deadline = System.nanoTime() + writeBehindNanos;
    long left;
    try {
      while (awaiting == 0 && !closed && (left = deadline - System.nanoTime()) > 0)
        TimeUnit.NANOSECONDS.timedWait(this, left);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
