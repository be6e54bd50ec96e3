package dev.jpm.engine.os;

import dev.jpm.engine.logs.StreamConsumer;

/**
 * The read end of one child pipe and the consumer its bytes go to. Reads happen on the loop thread, in chunks of
 * {@link EventLoop#CHUNK}; the consumer gets each chunk, {@code quiet()} when the pipe has nothing more right now,
 * and {@code end()} exactly once, at end of stream. A consumer that throws is a bug of ours: it is logged once and
 * the stream is read on and discarded, because a child must never block on a pipe nobody reads.
 *
 * <p>A read that takes a whole chunk found the pipe full (64 KiB, the kernel's default size): its writer was
 * blocked, waiting for this loop. Such a pipe grows once to {@link EventLoop#GROWN_PIPE_BYTES}, within the loop's
 * budget, so that a burst of output waits in the pipe rather than in the app: an app printing a million lines
 * then takes about as long as into a plain pipe.
 */
final class StreamWatch implements Watch {

  private static final System.Logger LOG = System.getLogger(StreamWatch.class.getName());
  /** Per readiness, at most this many chunks (1 MiB) before the other children get their turn. */
  static final int CHUNKS_PER_TURN = 16;

  private final EventLoop loop;
  private final int fd;
  private final StreamConsumer consumer;
  private final ChildWatch child;
  private long token = -1;
  private boolean ended;
  private boolean consumerBroken;
  private boolean growthTried;
  private boolean grown;

  StreamWatch(EventLoop loop, int fd, StreamConsumer consumer, ChildWatch child) {
    this.loop = loop;
    this.fd = fd;
    this.consumer = consumer;
    this.child = child;
  }

  int fd() {
    return fd;
  }

  @Override
  public void registered(long registeredAs) {
    token = registeredAs;
  }

  boolean ended() {
    return ended;
  }

  @Override
  public void ready(int events) {
    pump(CHUNKS_PER_TURN);
  }

  /** Reads until the pipe would block, ends, or {@code maxChunks} were read; ends the stream at EOF or error. */
  void pump(int maxChunks) {
    for (int i = 0; i < maxChunks && !ended; i++) {
      int read = loop.read(fd);
      if (read > 0) {
        if (read == EventLoop.CHUNK && !growthTried) {
          growthTried = true;
          grown = loop.grow(fd);
        }
        deliver(read);
      } else if (read == 0) {
        end();
      } else if (read == EventLoop.WOULD_BLOCK) {
        quiet();
        return;
      } else if (read != EventLoop.INTERRUPTED) {
        end(); // EBADF or EIO: nothing more will come
      }
    }
  }

  /** Closes the descriptor (a child still writing then gets EPIPE) and ends the consumer; idempotent. */
  void end() {
    if (ended) return;
    ended = true;
    loop.forget(token, fd);
    if (grown) loop.pipeClosed();
    try {
      consumer.end();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "log consumer failed at end of stream", e);
    }
    child.streamEnded();
  }

  private void deliver(int length) {
    if (consumerBroken) return;
    try {
      consumer.write(loop.chunk(), 0, length);
    } catch (RuntimeException e) {
      consumerBroken = true;
      LOG.log(System.Logger.Level.ERROR, "log consumer failed; the rest of this stream is discarded", e);
    }
  }

  private void quiet() {
    if (consumerBroken) return;
    try {
      consumer.quiet();
    } catch (RuntimeException e) {
      consumerBroken = true;
      LOG.log(System.Logger.Level.ERROR, "log consumer failed; the rest of this stream is discarded", e);
    }
  }
}
