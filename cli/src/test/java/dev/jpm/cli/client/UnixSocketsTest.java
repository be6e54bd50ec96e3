package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketsTest {

  @Test
  void withSunNioChExportedTheJdksOwnProviderIsTakenDirectly() {
    // The test JVM runs with the launcher's --add-exports (see the surefire argLine).
    assertThat(UnixSockets.PROVIDER.getClass().getName()).startsWith("sun.nio.ch.");
  }

  @Test
  void theChannelReachesAUnixSocketServer(@TempDir Path dir) throws Exception {
    var address = UnixDomainSocketAddress.of(dir.resolve("s.sock"));
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(address);
      try (SocketChannel client = UnixSockets.open()) {
        client.connect(address);
        try (SocketChannel peer = server.accept()) {
          client.write(ByteBuffer.wrap(new byte[] {42}));
          ByteBuffer read = ByteBuffer.allocate(1);
          peer.read(read);
          assertThat(read.get(0)).isEqualTo((byte) 42);
        }
      }
    }
  }
}
