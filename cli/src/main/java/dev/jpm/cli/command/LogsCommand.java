package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.cli.render.LogLines;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jpm logs [TARGET]}: the last lines of each instance's files, then (unless {@code --nostream}) the live
 * stream from the daemon: new lines and daemon events, each prefixed {@code name#i |}. Ends quietly when its
 * output goes away ({@code jpm logs | head}).
 */
public final class LogsCommand extends ClientCommand {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new LogsCommand(), jpm, "logs", "Print the last lines of app logs, then follow them live.")
        .positional("0", "0..1", "TARGET",
            "all (default), an app name, NAME#INDEX, a pm_id, a namespace or a /regex/ of app names.")
        .option("--lines", "N", int.class, "Lines to print from each file first (default 15).")
        .flag("Print the last lines and exit.", "--nostream")
        .flag("Only stdout.", "--out")
        .flag("Only stderr.", "--err")
        .flag("One JSON object per line (app, instance, stream, text, time).", "--json")
        .flag("Prefix live lines with the time the daemon read them.", "--timestamp")
        .flag("The lines alone: no prefix, no daemon events (PM2's --raw).", "--raw")
        .flag("PM2's key=value lines: app=NAME id=PM_ID type=out|error message=TEXT.", "--format")
        .spec();
  }

  @Override
  public Integer call() throws Exception {
    boolean outOnly = flag("--out");
    boolean errOnly = flag("--err");
    boolean raw = flag("--raw");
    boolean format = flag("--format");
    boolean json = flag("--json");
    if (outOnly && errOnly) throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "--out and --err exclude each other (give neither for both)");
    if ((raw ? 1 : 0) + (format ? 1 : 0) + (json ? 1 : 0) > 1) throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "--raw, --format and --json exclude each other (give one)");
    String stream = outOnly ? "out" : errOnly ? "err" : "both";
    LogLines.Shape shape = raw ? LogLines.Shape.RAW : format ? LogLines.Shape.PM2_FORMAT
        : json ? LogLines.Shape.JSON : LogLines.Shape.PREFIXED;
    LogLines render = new LogLines(out(), style(), shape, flag("--timestamp"), format ? pmIds() : java.util.Map.of());
    String target = parsed().matchedPositionalValue(0, "all");
    int lines = parsed().matchedOptionValue("--lines", 15);
    Response last = jpm.client().stream(new Request.Logs(target, Math.max(0, lines), stream, !flag("--nostream")),
        frame -> render.print((Response.LogBatch) frame));
    if (last instanceof Response.Failure failure) throw failure(failure);
    return ExitCode.OK;
  }

  /** The pm_id of every instance by NAME#INDEX, for --format (instances started later show as NAME#INDEX). */
  private java.util.Map<String, Integer> pmIds() throws java.io.IOException {
    java.util.Map<String, Integer> ids = new java.util.HashMap<>();
    expect(send(new Request.List()), Response.Table.class).instances().forEach(row -> ids.put(row.id(), row.pmId()));
    return ids;
  }
}
