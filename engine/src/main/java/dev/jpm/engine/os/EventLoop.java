package dev.jpm.engine.os;

import com.sun.jna.Memory;
import dev.jpm.engine.logs.StreamConsumer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One thread, one epoll set, for every child of the daemon: the read end of each piped stream and a pidfd per
 * child. It replaces a reader thread per stream and a reaper thread per child (three threads per app).
 *
 * <p>Only the loop thread touches the epoll set, the watch table and the descriptors once handed over: a spawner
 * queues its child ({@link #watch}) and wakes the loop through an eventfd, so no readiness event can race with a
 * registration. Watches are found by a token that is never reused, so a stale event for a descriptor closed
 * earlier in the same batch finds nothing. Back-pressure is the pipe itself: while a consumer is slow the loop
 * reads later, the child blocks on its full pipe; nothing is buffered here beyond one 64 KiB chunk. Nothing that
 * one watch throws stops the loop.
 */
final class EventLoop implements Runnable {

  private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
  static final int CHUNK = 64 * 1024;
  static final int WOULD_BLOCK = -1;
  static final int INTERRUPTED = -2;
  static final int FAILED = -3;
  private static final int MAX_EVENTS = 128;
  private static final long WAKE_TOKEN = 0;
  private static final long STACK_BYTES = 512 * 1024;
  /** What a pipe that filled up grows to: a burst of output then waits here instead of blocking its writer. */
  static final int GROWN_PIPE_BYTES = 1024 * 1024;
  /**
   * Grown pipes at once, at most. The kernel charges pipe buffers to their user ({@code fs.pipe-user-pages-soft},
   * 64 MiB by default) and past that limit gives each new pipe of the user a single page: the budget keeps jpm's
   * share to a quarter of it, so neither the apps nor anything else the user runs ever meets the limit.
   */
  static final int MAX_GROWN_PIPES = 16;

  private final int epfd;
  private final int wakeFd;
  /** An empty pipe that {@link #peek} copies into (tee) and reads back from; its 64 KiB bound one peek. */
  private final int scratchRead;
  private final int scratchWrite;
  /** Streams that stopped at their turn's limit with data left: edge-triggered, they get no new event for it. */
  private final List<StreamWatch> again = new ArrayList<>();
  private final Queue<ChildWatch> arriving = new ConcurrentLinkedQueue<>();
  // Loop thread only.
  private final Map<Long, Watch> watches = new HashMap<>();
  private final List<ChildWatch> draining = new ArrayList<>();
  private final Memory events = new Memory((long) LibC.EPOLL_EVENT_SIZE * MAX_EVENTS);
  private final Memory control = new Memory(16);
  private final Memory buffer = new Memory(CHUNK);
  private final byte[] chunk = new byte[CHUNK];
  private long nextToken = WAKE_TOKEN + 1;
  private int grownPipes;
  private volatile boolean stopping;
  private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

  private EventLoop(int epfd, int wakeFd, Pipe scratch) {
    this.epfd = epfd;
    this.wakeFd = wakeFd;
    this.scratchRead = scratch.readFd();
    this.scratchWrite = scratch.writeFd();
  }

  /** Creates the epoll set and starts the loop thread (a daemon thread: it lives as long as the JVM). */
  static EventLoop start(String threadName) throws IOException {
    int epfd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
    if (epfd < 0) throw new IOException("epoll_create1 failed: " + LibC.describe(LibC.errno()));
    int wakeFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
    if (wakeFd < 0) throw new IOException("eventfd failed: " + LibC.describe(LibC.errno()));
    EventLoop loop = new EventLoop(epfd, wakeFd, Pipe.open());
    if (!loop.add(wakeFd, WAKE_TOKEN, LibC.EPOLLIN)) throw new IOException("epoll_ctl failed: " + LibC.describe(LibC.errno()));
    Thread.ofPlatform().name(threadName).daemon().stackSize(STACK_BYTES).start(loop);
    return loop;
  }

  /**
   * Hands a just-spawned (or adopted) child to the loop, which from now on owns {@code pidfd} and the read ends of
   * {@code streams}, calls each consumer's {@code end()} once, and reaps the child. Any thread.
   */
  Child watch(int pid, int pidfd, List<Stream> streams, long drainTimeoutMs) {
    ChildWatch child = new ChildWatch(this, pid, pidfd, drainTimeoutMs);
    streams.forEach(s -> child.add(new StreamWatch(this, s.fd(), s.consumer(), child, s.fifo())));
    arriving.add(child);
    if (LibC.eventfd_write(wakeFd, 1) != 0) {
      LOG.log(System.Logger.Level.ERROR, "waking the event loop failed: " + LibC.describe(LibC.errno()));
    }
    return new Child(pid, child.exit());
  }

  @Override
  public void run() {
    while (!stopping) {
      try {
        turn();
      } catch (Throwable e) { // an Error too: without this thread no child is read or reaped any more
        LOG.log(System.Logger.Level.ERROR, "event loop turn failed; going on", e);
      }
    }
    stopped.countDown();
  }

  /**
   * Ends the loop after its current turn, leaving every pipe as it is: a turn takes out of a pipe only what it has
   * written to its log, so what the pipes hold is whole for the daemon that reopens them ({@code jpm update}). Waits
   * for the loop thread at most {@code patience}; true when it ended.
   */
  boolean stop(java.time.Duration patience) throws InterruptedException {
    stopping = true;
    LibC.eventfd_write(wakeFd, 1);
    return stopped.await(patience.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One stream handed to the loop: its read end, its consumer, and its FIFO (null for an anonymous pipe). */
  record Stream(int fd, StreamConsumer consumer, Path fifo) {}

  private void turn() {
    int ready = LibC.epoll_wait(epfd, events, MAX_EVENTS, timeoutMs());
    if (ready < 0) {
      int errno = LibC.errno();
      if (errno != LibC.EINTR) throw new IllegalStateException("epoll_wait failed: " + LibC.describe(errno));
      return;
    }
    for (int i = 0; i < ready; i++) {
      long offset = (long) i * LibC.EPOLL_EVENT_SIZE;
      int flags = events.getInt(offset);
      long token = events.getLong(offset + LibC.EPOLL_DATA_OFFSET);
      if (token == WAKE_TOKEN) {
        LibC.eventfd_read(wakeFd, new long[1]);
        armArrivals();
        continue;
      }
      Watch watch = watches.get(token);
      if (watch == null) continue; // closed earlier in this batch
      try {
        watch.ready(flags);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "handling a child event failed", e);
      }
    }
    pumpAgain();
    expireDrains();
  }

  private void pumpAgain() {
    if (again.isEmpty()) return;
    List<StreamWatch> due = List.copyOf(again);
    again.clear();
    for (StreamWatch stream : due) {
      try {
        stream.ready(0);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "handling a child event failed", e);
      }
    }
  }

  /** Registers queued children: streams first, so that nothing a child wrote is missed when its exit is seen. */
  private void armArrivals() {
    ChildWatch child;
    while ((child = arriving.poll()) != null) {
      boolean armed = true;
      // Streams edge-triggered: a partial line left in the pipe must not wake the loop again until more comes.
      for (StreamWatch stream : child.streams()) armed &= register(stream, stream.fd(), LibC.EPOLLIN | LibC.EPOLLET);
      if (armed && register(child, child.pidfd(), LibC.EPOLLIN)) continue;
      LOG.log(System.Logger.Level.ERROR, "cannot watch pid " + child.pid() + " (" + LibC.describe(LibC.errno())
          + "); killing it");
      child.abort();
    }
  }

  private boolean register(Watch watch, int fd, int events) {
    long token = nextToken++;
    if (!add(fd, token, events)) return false;
    watches.put(token, watch);
    watch.registered(token);
    return true;
  }

  private boolean add(int fd, long token, int events) {
    control.setInt(0, events);
    control.setLong(LibC.EPOLL_DATA_OFFSET, token);
    return LibC.epoll_ctl(epfd, LibC.EPOLL_CTL_ADD, fd, control) == 0;
  }

  /** Stops watching {@code fd} and closes it. Loop thread. */
  void forget(long token, int fd) {
    if (watches.remove(token) != null) LibC.epoll_ctl(epfd, LibC.EPOLL_CTL_DEL, fd, control);
    again.removeIf(stream -> stream.fd() == fd);
    Pipe.close(fd);
  }

  /**
   * Copies up to one chunk of {@code fd}'s pipe into {@link #chunk()} WITHOUT consuming it (tee into the scratch
   * pipe, read back from there): the byte count, 0 at end of stream, or {@link #WOULD_BLOCK}, {@link #INTERRUPTED},
   * {@link #FAILED}. What the consumer has written out is then taken with {@link #consume}: bytes leave the pipe
   * only once they are in the log files, so a daemon killed at any moment loses none of them. Loop thread.
   */
  int peek(int fd) {
    long copied = LibC.tee(fd, scratchWrite, CHUNK, LibC.SPLICE_F_NONBLOCK);
    if (copied <= 0) {
      if (copied == 0) return 0;
      int errno = LibC.errno();
      return errno == LibC.EAGAIN ? WOULD_BLOCK : errno == LibC.EINTR ? INTERRUPTED : FAILED;
    }
    int got = 0;
    while (got < copied) {
      long read = LibC.read(scratchRead, buffer.share(got), copied - got);
      if (read <= 0 && LibC.errno() != LibC.EINTR) throw new IllegalStateException("scratch pipe read failed");
      if (read > 0) got += (int) read;
    }
    buffer.read(0, chunk, 0, got);
    return got;
  }

  /** Takes {@code length} bytes out of {@code fd}'s pipe, which {@link #peek} saw there; false if it could not. */
  boolean consume(int fd, int length) {
    int left = length;
    while (left > 0) {
      long read = LibC.read(fd, buffer, left);
      if (read > 0) left -= (int) read;
      else if (read == 0 || LibC.errno() != LibC.EINTR) return false;
    }
    return true;
  }

  /** {@code stream} stopped at its turn's limit with data left: it is pumped again next turn. Loop thread. */
  void again(StreamWatch stream) {
    if (!again.contains(stream)) again.add(stream);
  }

  /**
   * Gives {@code fd}'s pipe a {@link #GROWN_PIPE_BYTES} buffer if the budget allows; true if it grew, and then
   * {@link #pipeClosed} must follow when the pipe is closed. A refusal (the user's pipe limit reached) only means
   * the writer blocks as before. Loop thread.
   */
  boolean grow(int fd) {
    if (grownPipes >= MAX_GROWN_PIPES || LibC.fcntl(fd, LibC.F_SETPIPE_SZ, GROWN_PIPE_BYTES) < 0) return false;
    grownPipes++;
    return true;
  }

  /** A grown pipe was closed: its share of the budget is free again. Loop thread. */
  void pipeClosed() {
    grownPipes--;
  }

  /** The bytes of the last {@link #read}; valid until the next one. */
  byte[] chunk() {
    return chunk;
  }

  long now() {
    return System.nanoTime();
  }

  /** {@code child} was reaped but a pipe is still open: its exit completes at its drain deadline at the latest. */
  void awaitDrain(ChildWatch child) {
    draining.add(child);
  }

  /** {@code child}'s exit completes now: no deadline for it any more. */
  void drained(ChildWatch child) {
    draining.remove(child);
  }

  private void expireDrains() {
    if (draining.isEmpty()) return;
    long now = now();
    for (ChildWatch child : List.copyOf(draining)) {
      if (child.drainDeadline() - now <= 0) child.drainTimedOut();
    }
  }

  /** Until the nearest drain deadline, or forever; no wait while a stream has data left. */
  private int timeoutMs() {
    if (!again.isEmpty()) return 0;
    if (draining.isEmpty()) return -1;
    long now = now();
    long nearest = Long.MAX_VALUE;
    for (ChildWatch child : draining) nearest = Math.min(nearest, child.drainDeadline() - now);
    return (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(nearest) + 1);
  }
}
