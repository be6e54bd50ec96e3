package dev.jpm.engine.balance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Connects one accepted client to a backend: picks backends in turn (the next one when it refuses, before the
 * client has seen a byte), writes the PROXY header when asked, then hands the pair to a {@link CopyLoop}. Runs on
 * a short-lived virtual thread of its own, so a slow connect never holds up the accept loop.
 */
final class Splice {

  private static final System.Logger LOG = System.getLogger(Splice.class.getName());

  private Splice() {}

  static void connect(SocketChannel client, FrontPort front, CopyLoop loop) {
    try {
      client.setOption(StandardSocketOptions.TCP_NODELAY, true);
      for (Backend backend : front.backendsInTurn()) {
        if (backend.isDraining()) continue;
        SocketChannel upstream = open(backend);
        if (upstream == null) continue;
        backend.opened();
        try {
          if (front.proxyProtocol()) sendProxyHeader(client, upstream);
        } catch (IOException e) {
          backend.closed();
          close(upstream);
          throw e;
        }
        loop.adopt(client, upstream, backend::closed);
        return;
      }
      front.refusedForLackOfBackend();
      close(client);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "front connection ended before it was spliced: " + e);
      close(client);
    } catch (InterruptedException e) {
      close(client);
    }
  }

  private static SocketChannel open(Backend backend) {
    try {
      SocketChannel upstream = SocketChannel.open(backend.address());
      upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
      return upstream;
    } catch (IOException refused) {
      LOG.log(System.Logger.Level.DEBUG, backend + " refused a connection: " + refused);
      return null;
    }
  }

  private static void sendProxyHeader(SocketChannel client, SocketChannel upstream) throws IOException {
    ByteBuffer header = ByteBuffer.wrap(ProxyHeader.v1((InetSocketAddress) client.getRemoteAddress(),
        (InetSocketAddress) client.getLocalAddress()));
    while (header.hasRemaining()) upstream.write(header);
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing more to do for a connection we give up on.
    }
  }
}
