package dev.jpm.engine.balance;

import dev.jpm.engine.model.InstanceId;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process of an instance that the front port may hand connections to, with its open connections. A backend
 * taken out of rotation ({@link #drain()}) gets no new connection; {@link #drained()} completes when its last open
 * one closes. Thread-safe.
 */
final class Backend {

  private final InstanceId id;
  private final long pid;
  private final InetSocketAddress address;
  private final AtomicInteger open = new AtomicInteger();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private volatile boolean draining;

  Backend(InstanceId id, long pid, InetSocketAddress address) {
    this.id = id;
    this.pid = pid;
    this.address = address;
  }

  InstanceId id() {
    return id;
  }

  long pid() {
    return pid;
  }

  InetSocketAddress address() {
    return address;
  }

  int openConnections() {
    return open.get();
  }

  boolean isDraining() {
    return draining;
  }

  void opened() {
    open.incrementAndGet();
  }

  void closed() {
    if (open.decrementAndGet() == 0 && draining) drained.complete(null);
  }

  /** No new connections from now on; completes {@link #drained()} at once when none is open. */
  CompletableFuture<Void> drain() {
    draining = true;
    if (open.get() == 0) drained.complete(null);
    return drained;
  }

  @Override
  public String toString() {
    return id + "(pid " + pid + ", " + address.getPort() + ")";
  }
}
