package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.protocol.ErrorCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A daemon at its connection limit answers BUSY and closes without reading the request: a client whose request does
 * not fit the socket's buffer has its write cut by a broken pipe, and still reports the daemon's answer.
 */
class BusyDaemonIT {

  /** The daemon's limit (daemon/RequestLimits.CONNECTIONS). */
  private static final int CONNECTIONS = 256;

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @Test
  void aRequestCutByTheBusyDaemonReportsBusyNotABrokenPipe() throws Exception {
    jpm.run("ping").expectExit(0);
    List<SocketChannel> held = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(jpm.home.resolve("jpm.sock")));
        held.add(channel);
      }
      // Several MiB: far more than a Unix socket buffers, so the write blocks until the daemon hangs up.
      Request large = new Request.Environment("x".repeat(8 << 20));

      Response answer = new DaemonClient(new JpmHome(jpm.home)).send(large, line -> {});

      assertThat(answer).isInstanceOfSatisfying(Response.Failure.class, failure -> {
        assertThat(failure.code()).isEqualTo(ErrorCode.BUSY.number());
        assertThat(failure.message()).contains("try again");
      });
    } finally {
      for (SocketChannel channel : held) channel.close();
    }
  }
}
