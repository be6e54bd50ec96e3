package dev.jpm.cli.client;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;

/**
 * Opens the Unix-domain channel to the daemon. {@code SocketChannel.open} first asks
 * {@code SelectorProvider.provider()}, whose first call searches {@code META-INF/services} of every jar on the
 * class path for a replacement provider: some 15 ms of a 100 ms {@code jpm ls}, spent opening thirty jars to find
 * none. The launcher exports {@code sun.nio.ch} to the CLI, so the JDK's default provider is taken directly; without
 * that export (tests, an IDE) the public way is used, with the same channel as the result.
 */
final class UnixSockets {

  static final SelectorProvider PROVIDER = provider();

  private UnixSockets() {}

  static SocketChannel open() throws IOException {
    return PROVIDER.openSocketChannel(StandardProtocolFamily.UNIX);
  }

  private static SelectorProvider provider() {
    try {
      return (SelectorProvider) Class.forName("sun.nio.ch.DefaultSelectorProvider").getMethod("get").invoke(null);
    } catch (ReflectiveOperationException | RuntimeException notExported) {
      return SelectorProvider.provider();
    }
  }
}
