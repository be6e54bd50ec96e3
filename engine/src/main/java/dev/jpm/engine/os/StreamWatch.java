package dev.jpm.engine.os;

import dev.jpm.engine.logs.StreamConsumer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read end of one child pipe and the consumer its bytes go to. Reads happen on the loop thread, a chunk of
 * {@link EventLoop#CHUNK} at a time, and commit: each chunk is peeked (left in the pipe), its whole lines handed to
 * the consumer and written out ({@code quiet()}), and only then taken out of the pipe. The pipe is the buffer that
 * outlives the daemon: a daemon killed at any moment leaves every byte it has not written out in the pipe, where the
 * next daemon finds it (see docs/decisions/0002-adopting-apps.md). A partial line stays in the pipe until its newline
 * comes (the watch is edge-triggered, so it waits for the next write), unless no writer is left, or the line
 * fills a whole chunk (the consumer then carries it, cut at its own limit). The consumer gets {@code end()} exactly
 * once, at end of stream. A consumer that throws is a bug of ours: it is logged once and the stream is read on and
 * discarded, because a child must never block on a pipe nobody reads.
 *
 * <p>A peek that takes a whole chunk found the pipe full (64 KiB, the kernel's default size): its writer was
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
  /** The named pipe, removed at end of stream; null for an anonymous pipe. */
  private final Path fifo;
  private long token = -1;
  private boolean ended;
  private boolean consumerBroken;
  private boolean growthTried;
  private boolean grown;
  /** Sticky: once no writer was left, a later turn (see {@link EventLoop#again}) must still take the last line. */
  private boolean writerGone;

  StreamWatch(EventLoop loop, int fd, StreamConsumer consumer, ChildWatch child, Path fifo) {
    this.loop = loop;
    this.fd = fd;
    this.consumer = consumer;
    this.child = child;
    this.fifo = fifo;
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
    pump(CHUNKS_PER_TURN, (events & LibC.EPOLLHUP) != 0);
  }

  /**
   * Reads until the pipe would block, ends, holds only a partial line, or {@code maxChunks} were read (then it goes
   * on next turn); ends the stream at EOF or error.
   *
   * @param noWriter no writer is left (or the child has exited): a partial line is the last one and is taken
   */
  void pump(int maxChunks, boolean noWriter) {
    writerGone |= noWriter;
    noWriter = writerGone;
    for (int i = 0; i < maxChunks && !ended; i++) {
      int read = loop.peek(fd);
      if (read > 0) {
        if (read == EventLoop.CHUNK && !growthTried) {
          growthTried = true;
          grown = loop.grow(fd);
        }
        int whole = lastNewline(loop.chunk(), read) + 1;
        int take = whole > 0 ? whole : read == EventLoop.CHUNK || noWriter ? read : 0;
        if (take == 0) {
          quiet(); // only the start of a line: it waits in the pipe for its end
          return;
        }
        deliver(take);
        quiet(); // written out before it leaves the pipe
        if (!loop.consume(fd, take)) {
          end();
          return;
        }
        if (take < read && read < EventLoop.CHUNK && !noWriter) return; // the rest is a partial line
      } else if (read == 0) {
        end();
      } else if (read == EventLoop.WOULD_BLOCK) {
        return;
      } else if (read != EventLoop.INTERRUPTED) {
        end(); // EBADF or EIO: nothing more will come
      }
    }
    if (!ended) loop.again(this);
  }

  /** Closes the descriptor and the named pipe, and ends the consumer; idempotent. */
  void end() {
    if (ended) return;
    ended = true;
    loop.forget(token, fd);
    if (grown) loop.pipeClosed();
    removeFifo();
    try {
      consumer.end();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "log consumer failed at end of stream", e);
    }
    child.streamEnded();
  }

  private void removeFifo() {
    if (fifo == null) return;
    try {
      Files.deleteIfExists(fifo);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not remove pipe " + fifo + ": " + e);
    }
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

  private static int lastNewline(byte[] bytes, int length) {
    for (int i = length - 1; i >= 0; i--) if (bytes[i] == '\n') return i;
    return -1;
  }
}
