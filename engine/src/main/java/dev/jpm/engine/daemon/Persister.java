package dev.jpm.engine.daemon;

import dev.jpm.engine.model.ObservedState;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Writes the process table after every change, coalescing bursts: one writer thread always saves the latest
 * snapshot, so fifty instances starting at once cost a few writes, not fifty. Request handlers call
 * {@link #awaitSaved()} before answering, so a change a user was told about is on disk.
 */
final class Persister implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Persister.class.getName());

  private final StateStore store;
  private final Supplier<ObservedState> snapshot;
  private final Thread writer;
  private long requested;
  private long saved;
  private boolean closed;

  Persister(StateStore store, Supplier<ObservedState> snapshot) {
    this.store = store;
    this.snapshot = snapshot;
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
    while (saved < target && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
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
