package dev.jpm.engine.balance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One client connection through a front port: picks a backend in turn (the next one when it refuses, before the
 * client has seen a byte), then copies both ways until both sides are done. Each direction has its own virtual
 * thread and a small direct buffer; a blocking write is the back-pressure (a slow reader slows its writer and
 * nobody else). An end of stream on one side becomes a half-close on the other, so a client that shuts its output
 * still gets the whole answer; a reset on either side closes both.
 */
final class Splice {

  private static final System.Logger LOG = System.getLogger(Splice.class.getName());
  static final int BUFFER_BYTES = 16 * 1024;

  private final SocketChannel client;
  private final FrontPort front;

  private Splice(SocketChannel client, FrontPort front) {
    this.client = client;
    this.front = front;
  }

  /** Serves {@code client} on the calling (virtual) thread until the connection is over. */
  static void serve(SocketChannel client, FrontPort front) {
    new Splice(client, front).run();
  }

  private void run() {
    try (client) {
      client.setOption(StandardSocketOptions.TCP_NODELAY, true);
      for (Backend backend : front.rotation().inTurn()) {
        if (backend.isDraining()) continue;
        SocketChannel upstream = connect(backend);
        if (upstream == null) continue;
        backend.opened();
        try (upstream) {
          if (front.proxyProtocol()) sendProxyHeader(upstream);
          copyBothWays(upstream);
        } finally {
          backend.closed();
        }
        return;
      }
      front.refusedForLackOfBackend();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "front connection ended: " + e);
    }
  }

  private static SocketChannel connect(Backend backend) {
    try {
      SocketChannel upstream = SocketChannel.open(backend.address());
      upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
      return upstream;
    } catch (IOException refused) {
      LOG.log(System.Logger.Level.DEBUG, backend + " refused a connection: " + refused);
      return null;
    }
  }

  private void sendProxyHeader(SocketChannel upstream) throws IOException {
    ByteBuffer header = ByteBuffer.wrap(ProxyHeader.v1((InetSocketAddress) client.getRemoteAddress(),
        (InetSocketAddress) client.getLocalAddress()));
    while (header.hasRemaining()) upstream.write(header);
  }

  private void copyBothWays(SocketChannel upstream) {
    Thread back = Thread.ofVirtual().start(() -> copy(upstream, client, upstream));
    copy(client, upstream, upstream);
    try {
      back.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Copies until end of stream, then half-closes {@code to}; on an error closes both sides. */
  private void copy(SocketChannel from, SocketChannel to, SocketChannel upstream) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) to.write(buffer);
        buffer.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing is how we abort: a second failure adds nothing.
    }
  }
}
