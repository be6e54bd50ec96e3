package dev.jpm.cli;

import dev.jpm.cli.command.ControlVerb;
import dev.jpm.engine.protocol.Request;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code jpm stop|restart|delete TARGET...} without picocli, as {@link QuickApply} does for {@code apply}: the
 * verbs PM2 users type all day, whose processes should start changing as soon as the command is issued. Targets are
 * app names, {@code NAME#INDEX} or {@code all}; anything else (an option, {@code start}, which also starts scripts)
 * goes the ordinary way, and so does a target that looks like an ecosystem file (read by the CLI). pm_ids and
 * namespaces are targets like names: the daemon resolves them. {@link ControlVerb#control} prints what the picocli path prints.
 */
final class QuickControl {

  private static final Map<String, Request.Verb> VERBS = Map.of("stop", Request.Verb.STOP, "restart",
      Request.Verb.RESTART, "delete", Request.Verb.DELETE, "del", Request.Verb.DELETE);

  private QuickControl() {}

  /** The exit code when {@code args} are a plain control verb; empty to run the full command line instead. */
  static OptionalInt run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
    Optional<Request.Control> request = request(args);
    if (request.isEmpty()) return OptionalInt.empty();
    return QuickRequests.run(environment, out, err,
        (client, style) -> ControlVerb.control(client, request.get(), out, err, style));
  }

  /** The request of a plain form; empty for anything else. */
  static Optional<Request.Control> request(String[] args) {
    if (args.length < 2 || !VERBS.containsKey(args[0])) return Optional.empty();
    String[] targets = Arrays.copyOfRange(args, 1, args.length);
    for (String target : targets)
      if (target.startsWith("-") || !QuickLogs.TARGET.matcher(target).matches() || QuickLogs.looksLikeFile(target))
        return Optional.empty();
    return Optional.of(new Request.Control(VERBS.get(args[0]), List.of(targets)));
  }
}
