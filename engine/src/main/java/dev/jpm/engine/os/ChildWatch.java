package dev.jpm.engine.os;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One child: its pidfd, which becomes readable when the child exits, and its pipes. On exit, in this order: the
 * rest of its process group is killed (orphans it left there would hold the pipes open; the unreaped zombie still
 * owns the group id, so the signal cannot reach anyone else's group), what is in the pipes is read, the child is
 * reaped, and the exit completes as soon as every pipe reached its end, or after the drain timeout when a
 * descendant that left the group keeps one open (that pipe is still read until it ends). So every byte the child
 * wrote is with its consumers before anyone learns of the exit, and a restart's log order stays right.
 */
final class ChildWatch implements Watch {

  /** At exit, how many chunks (4 MiB) are read straight away: more than a pipe holds, bounded against a spewer. */
  private static final int EXIT_DRAIN_CHUNKS = 64;

  private final EventLoop loop;
  private final int pid;
  private final int pidfd;
  private final long drainTimeoutNanos;
  private final List<StreamWatch> streams = new ArrayList<>(2);
  private final CompletableFuture<ChildExit> exit = new CompletableFuture<>();
  private long token = -1;
  private ChildExit reaped;
  private long drainDeadline;

  ChildWatch(EventLoop loop, int pid, int pidfd, long drainTimeoutMs) {
    this.loop = loop;
    this.pid = pid;
    this.pidfd = pidfd;
    this.drainTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(drainTimeoutMs);
  }

  void add(StreamWatch stream) {
    streams.add(stream);
  }

  List<StreamWatch> streams() {
    return streams;
  }

  int pid() {
    return pid;
  }

  int pidfd() {
    return pidfd;
  }

  CompletableFuture<ChildExit> exit() {
    return exit;
  }

  @Override
  public void registered(long registeredAs) {
    token = registeredAs;
  }

  long drainDeadline() {
    return drainDeadline;
  }

  /** The pidfd is readable: the child has exited and waits, a zombie, to be reaped. */
  @Override
  public void ready(int events) {
    if (reaped != null) return;
    LibC.kill(-pid, LibC.SIGKILL);
    for (StreamWatch stream : streams) stream.pump(EXIT_DRAIN_CHUNKS, true);
    reaped = reap();
    loop.forget(token, pidfd);
    if (allEnded()) {
      complete();
    } else {
      drainDeadline = loop.now() + drainTimeoutNanos;
      loop.awaitDrain(this);
    }
  }

  /** One of its streams ended; the exit completes when it was the last one. */
  void streamEnded() {
    if (reaped != null && allEnded()) complete();
  }

  /** The drain timeout passed: the exit completes, the open pipes are still read. */
  void drainTimedOut() {
    complete();
  }

  /** Kills the group and reaps at once: used when the child could not be watched. Blocks for the kill only. */
  void abort() {
    LibC.kill(-pid, LibC.SIGKILL);
    reaped = reap();
    loop.forget(token, pidfd);
    for (StreamWatch stream : streams) stream.end();
    complete();
  }

  private ChildExit reap() {
    int[] status = new int[1];
    int result;
    do {
      result = LibC.waitpid(pid, status, 0);
    } while (result < 0 && LibC.errno() == LibC.EINTR);
    return result == pid ? ChildExit.ofWaitStatus(status[0]) : ChildExit.UNKNOWN;
  }

  private boolean allEnded() {
    return streams.stream().allMatch(StreamWatch::ended);
  }

  private void complete() {
    if (exit.isDone()) return;
    loop.drained(this);
    exit.complete(reaped);
  }
}
