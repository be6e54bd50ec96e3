package dev.jpm.cli;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.cli.client.LogFrame;
import dev.jpm.cli.client.RequestFrame;
import dev.jpm.cli.render.LogLines;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * {@code jpm logs} without picocli or the record binding, as {@link QuickList} does for {@code ls}: its plain forms
 * ({@code [TARGET] [--lines N] [--nostream] [--out|--err]}) are answered directly. Anything else, and a failure
 * before the first line, goes the ordinary way, where picocli parses and the failure handler reports.
 */
final class QuickLogs {

  /** An app name, {@code NAME#INDEX} or {@code all}, as the quick paths accept them; anything else goes to picocli. */
  static final Pattern TARGET = Pattern.compile("[A-Za-z0-9._#-]+");

  private QuickLogs() {}

  /** Whether a target ends like an ecosystem file: picocli's path reads those, the quick paths never do. */
  static boolean looksLikeFile(String target) {
    String lower = target.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json") || lower.endsWith(".js")
        || lower.endsWith(".cjs") || lower.endsWith(".mjs");
  }

  /** The exit code when {@code args} are a plain logs that ran; empty to run the full command line instead. */
  static OptionalInt run(String[] args, Map<String, String> environment, PrintWriter out) {
    if (args.length < 1 || !args[0].equals("logs")) return OptionalInt.empty();
    String target = "all";
    int lines = 15;
    boolean follow = true;
    String stream = "both";
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--nostream")) follow = false;
      else if (arg.equals("--out") && stream.equals("both")) stream = "out";
      else if (arg.equals("--err") && stream.equals("both")) stream = "err";
      else if (arg.equals("--lines") && i + 1 < args.length && args[i + 1].matches("\\d{1,7}")) lines = Integer.parseInt(args[++i]);
      else if (!arg.startsWith("-") && target.equals("all") && TARGET.matcher(arg).matches() && !looksLikeFile(arg))
        target = arg;
      else return OptionalInt.empty();
    }
    WarmUp.jsonParser();
    LogLines render = new LogLines(out, Style.forTerminal(environment), false, false);
    boolean[] printed = {false};
    boolean[] understood = {true};
    try {
      DaemonClient.forEnvironment(environment).streamEncoded(
          RequestFrame.encode(new Request.Logs(target, lines, stream, follow)).orElseThrow(), frame -> {
            Optional<Response> response = LogFrame.read(frame);
            if (response.isEmpty()) {
              understood[0] = false;
              return false;
            }
            if (!(response.get() instanceof Response.LogBatch batch)) return false;
            printed[0] = true;
            return render.print(batch);
          });
    } catch (IOException | RuntimeException e) {
      if (!printed[0]) return OptionalInt.empty();
    }
    return understood[0] || printed[0] ? OptionalInt.of(ExitCode.OK) : OptionalInt.empty();
  }
}
