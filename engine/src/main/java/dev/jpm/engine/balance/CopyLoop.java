package dev.jpm.engine.balance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One platform thread with a selector that copies the bytes of many spliced connections, both ways. Each
 * direction has one direct buffer: while it holds bytes the destination cannot take yet, the source is not read
 * (back-pressure, per connection). An end of stream becomes a half-close of the other side once the buffer is
 * flushed; a connection is closed when both directions ended, or at once on an error. No thread per connection:
 * readiness is handled where it is reported, without a hand-off.
 */
final class CopyLoop implements Runnable {

  private static final System.Logger LOG = System.getLogger(CopyLoop.class.getName());
  static final int BUFFER_BYTES = 16 * 1024;

  private final Selector selector;
  private final Queue<Pair> arriving = new ConcurrentLinkedQueue<>();

  CopyLoop(String name) throws IOException {
    this.selector = Selector.open();
    Thread.ofPlatform().name(name).daemon().stackSize(256 * 1024).start(this);
  }

  /** Takes over a connected pair (both channels still blocking); {@code onClose} runs once when it is closed. */
  void adopt(SocketChannel client, SocketChannel upstream, Runnable onClose) {
    arriving.add(new Pair(client, upstream, onClose));
    selector.wakeup();
  }

  /** Stops the loop; connections it still copies are closed with it. */
  void close() {
    try {
      for (SelectionKey key : selector.keys()) ((Pair) key.attachment()).close();
      selector.close();
    } catch (IOException | java.nio.channels.ClosedSelectorException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing a copy loop: " + e);
    }
  }

  @Override
  public void run() {
    while (selector.isOpen()) {
      try {
        selector.select();
        for (Pair pair; (pair = arriving.poll()) != null; ) pair.register();
        for (SelectionKey key : selector.selectedKeys()) {
          Pair pair = (Pair) key.attachment();
          try {
            pair.ready(key);
          } catch (IOException | CancelledKeyException e) {
            pair.close();
          }
        }
        selector.selectedKeys().clear();
      } catch (java.nio.channels.ClosedSelectorException closed) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "balancer copy loop: " + e, e);
      }
    }
  }

  /** A client connection and its upstream, with one buffer per direction. */
  private final class Pair {
    private final SocketChannel client;
    private final SocketChannel upstream;
    private final Runnable onClose;
    private final Direction toUpstream;
    private final Direction toClient;
    private SelectionKey clientKey;
    private SelectionKey upstreamKey;
    private boolean closed;

    Pair(SocketChannel client, SocketChannel upstream, Runnable onClose) {
      this.client = client;
      this.upstream = upstream;
      this.onClose = onClose;
      this.toUpstream = new Direction(client, upstream);
      this.toClient = new Direction(upstream, client);
    }

    void register() {
      try {
        client.configureBlocking(false);
        upstream.configureBlocking(false);
        clientKey = client.register(selector, SelectionKey.OP_READ, this);
        upstreamKey = upstream.register(selector, SelectionKey.OP_READ, this);
      } catch (IOException e) {
        close();
      }
    }

    void ready(SelectionKey key) throws IOException {
      boolean isClient = key == clientKey;
      if (key.isReadable()) (isClient ? toUpstream : toClient).fill();
      if (key.isValid() && key.isWritable()) (isClient ? toClient : toUpstream).flush();
      if (toUpstream.finished && toClient.finished) {
        close();
        return;
      }
      updateInterest();
    }

    private void updateInterest() {
      if (closed) return;
      clientKey.interestOps((toUpstream.reading() ? SelectionKey.OP_READ : 0)
          | (toClient.pending() ? SelectionKey.OP_WRITE : 0));
      upstreamKey.interestOps((toClient.reading() ? SelectionKey.OP_READ : 0)
          | (toUpstream.pending() ? SelectionKey.OP_WRITE : 0));
    }

    void close() {
      if (closed) return;
      closed = true;
      quietly(client);
      quietly(upstream);
      onClose.run();
    }
  }

  /** Bytes from one channel to the other through one buffer (kept in write mode between events). */
  private static final class Direction {
    private final SocketChannel from;
    private final SocketChannel to;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private boolean endOfStream;
    boolean finished;

    Direction(SocketChannel from, SocketChannel to) {
      this.from = from;
      this.to = to;
    }

    boolean reading() {
      return !endOfStream && buffer.position() == 0;
    }

    boolean pending() {
      return buffer.position() > 0;
    }

    void fill() throws IOException {
      int read = from.read(buffer);
      if (read < 0) endOfStream = true;
      flush();
    }

    void flush() throws IOException {
      if (buffer.position() > 0) {
        buffer.flip();
        to.write(buffer);
        buffer.compact();
      }
      if (endOfStream && buffer.position() == 0 && !finished) {
        finished = true;
        try {
          to.shutdownOutput();
        } catch (IOException peerGone) {
          // The other side is closed already: nothing more can reach it, and the reverse direction may still
          // have bytes to deliver, so this is no reason to close the pair.
        }
      }
    }
  }

  private static void quietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing is how a connection ends; a second failure adds nothing.
    }
  }
}
