package dev.jpm.engine.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real sockets: the copy of a front port that Java opened, which an app moving to an inherited socket keeps. */
class ListeningSocketIT {

  @Test
  void aCopyOfTheFrontPortKeepsListeningAfterJavaClosedItsChannelUntilTheCopyCloses() throws Exception {
    InetSocketAddress address;
    Optional<ListeningSocket> copy;
    try (ServerSocketChannel front = ServerSocketChannel.open()) {
      front.setOption(StandardSocketOptions.SO_REUSEPORT, true); // as FrontPort binds it
      front.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      front.socket().setSoTimeout(50);
      address = (InetSocketAddress) front.getLocalAddress();
      // A virtual thread waits in accept, as the front port's loop does, while Java closes the channel.
      Thread acceptor = Thread.ofVirtual().start(() -> {
        while (front.isOpen()) {
          try {
            front.socket().accept().close();
          } catch (SocketTimeoutException idle) {
            // looks up again
          } catch (java.io.IOException closed) {
            return;
          }
        }
      });

      copy = ListeningSocket.copyOfOwn(address);
      assertThat(copy).as("a copy of the socket this process listens on").isPresent();
      assertThat(copy.get().address()).isEqualTo(address);
      assertThat(ListeningSocket.copyOfOwn(new InetSocketAddress(address.getPort()))).as("another host").isEmpty();

      front.close();
      acceptor.join();
    }
    try (Socket client = new Socket()) {
      client.connect(address, 5_000); // queued on the copy: the socket outlived Java's descriptor
      assertThat(client.isConnected()).isTrue();
    }

    copy.get().close();
    assertThat(copy.get().fd()).isEqualTo(-1);
    assertThatThrownBy(() -> new Socket().connect(address, 5_000)).isInstanceOf(ConnectException.class);
  }
}
