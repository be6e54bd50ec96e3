package dev.jpm.cli;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.cli.render.Style;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the quick verbs that send a request share ({@link QuickApply}, {@link QuickControl}): the protocol's decoder
 * warmed up on a second thread while the request is prepared and sent, and failures reported as the failure handler
 * words them. Once a request is sent there is no way back to picocli.
 */
final class QuickRequests {

  /** Sends a request with the client and style given, prints its outcome, returns the exit code. */
  interface Exchange {
    int run(DaemonClient client, Style style) throws IOException;
  }

  private QuickRequests() {}

  static OptionalInt run(Map<String, String> environment, PrintWriter out, PrintWriter err, Exchange exchange) {
    WarmUp.protocolDecoder();
    Style style = Style.forTerminal(environment);
    try {
      return OptionalInt.of(exchange.run(DaemonClient.forEnvironment(environment), style));
    } catch (IOException | RuntimeException e) {
      FailureHandler.Failure failure = FailureHandler.Failure.of(e);
      out.flush();
      err.println(style.red("jpm: " + failure.message()));
      return OptionalInt.of(failure.exitCode());
    } finally {
      err.flush();
    }
  }
}
