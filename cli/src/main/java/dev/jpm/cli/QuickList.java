package dev.jpm.cli;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.cli.command.ListCommand;
import dev.jpm.cli.render.Style;
import dev.jpm.cli.client.TableFrame;
import dev.jpm.engine.protocol.InstanceView;
import java.util.List;
import java.util.Optional;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code jpm ls} without picocli. Building picocli's model of even one command costs more start-up than the
 * whole request; {@code ls} is the command people run in loops and watch, so its two plain forms ({@code ls}
 * and {@code ls --json}, and their aliases) are answered directly. Anything else, and any failure, goes the
 * ordinary way, where picocli parses and the failure handler reports.
 */
final class QuickList {

  private static final Set<String> WORDS = Set.of("ls", "list", "ps", "status");

  private QuickList() {}

  /** The exit code when {@code args} are a plain ls that succeeded; empty to run the full command line instead. */
  static OptionalInt run(String[] args, Map<String, String> environment, PrintWriter out) {
    if (args.length < 1 || args.length > 2 || !WORDS.contains(args[0])) return OptionalInt.empty();
    boolean json = args.length == 2;
    if (json && !args[1].equals("--json")) return OptionalInt.empty();
    WarmUp.jsonParser();
    Optional<List<InstanceView>> rows;
    try {
      byte[] answer = DaemonClient.forEnvironment(environment).sendEncoded(TableFrame.LIST_REQUEST);
      rows = TableFrame.rows(answer);
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
    if (rows.isEmpty()) return OptionalInt.empty();
    ListCommand.print(rows.get(), json, out, Style.forTerminal(environment));
    return OptionalInt.of(ExitCode.OK);
  }
}
