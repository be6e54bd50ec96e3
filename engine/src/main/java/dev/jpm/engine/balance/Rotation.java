package dev.jpm.engine.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backends of one front port that take new connections, in round-robin order. Membership changes rarely
 * (admit, drain) and is read on every connection, so it is a copy-on-write array read without a lock.
 */
final class Rotation {

  private volatile List<Backend> members = List.of();
  private final AtomicInteger next = new AtomicInteger();

  synchronized void add(Backend backend) {
    List<Backend> copy = new ArrayList<>(members);
    copy.removeIf(b -> b.id().equals(backend.id()) && b.pid() == backend.pid());
    copy.add(backend);
    members = List.copyOf(copy);
    notifyAll();
  }

  /** {@link #inTurn()} once there is a member, or empty after {@code nanos}. */
  synchronized List<Backend> awaitMembers(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; members.isEmpty() && left > 0; left = deadline - System.nanoTime())
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    return inTurn();
  }

  synchronized void remove(Backend backend) {
    List<Backend> copy = new ArrayList<>(members);
    copy.remove(backend);
    members = List.copyOf(copy);
  }

  List<Backend> members() {
    return members;
  }

  /** Every member once, starting with the next in turn: the first is tried, the others if it refuses. */
  List<Backend> inTurn() {
    List<Backend> now = members;
    int size = now.size();
    if (size <= 1) return now;
    int start = Math.floorMod(next.getAndIncrement(), size);
    List<Backend> ordered = new ArrayList<>(size);
    for (int i = 0; i < size; i++) ordered.add(now.get((start + i) % size));
    return ordered;
  }
}
