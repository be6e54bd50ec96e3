package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.cli.render.PlanText;
import dev.jpm.cli.render.ProcessTable;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.protocol.ErrorCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every verb that talks to the daemon shares: sending, failure mapping, writers and style. */
abstract class ClientCommand implements Callable<Integer> {

  @ParentCommand JpmCommand jpm;

  @Spec CommandSpec spec;

  /** What picocli parsed for this verb: how the verbs with a coded model ({@link CodedSpec}) read their values. */
  ParseResult parsed() {
    return spec.commandLine().getParseResult();
  }

  /** Whether the option {@code name}, which takes no value, was given (for the verbs with a coded model). */
  boolean flag(String name) {
    return parsed().matchedOptionValue(name, false);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Style style() {
    return Style.forTerminal(jpm.environment()).withPm2(jpm.pm2());
  }

  /** Sends a request (starting the daemon if needed), printing progress lines as they come. */
  Response send(Request request) throws IOException {
    PrintWriter out = out();
    Style style = style();
    Response response = jpm.client().send(request, message -> {
      for (String line : message.split("\n")) out.println(style.pm2() ? "[PM2] " + line : PlanText.line(line, style));
      out.flush();
    });
    if (response instanceof Response.Failure failure) throw failure(failure);
    return response;
  }

  static CliFailure failure(Response.Failure failure) {
    int exit = failure.code() == ErrorCode.INVALID_ARGUMENT.number() ? ExitCode.USAGE : ExitCode.FAILURE;
    return new CliFailure(exit, failure.message());
  }

  static <T extends Response> T expect(Response response, Class<T> type) {
    if (type.isInstance(response)) return type.cast(response);
    throw new CliFailure("unexpected answer from the daemon: " + response.getClass().getSimpleName()
        + " (is an older daemon running? jpm kill stops it)");
  }

  void printJson(Object value) {
    out().println(Wire.CODEC.toPrettyJson(value));
  }

  /** Prints the outcome of a verb that changed processes; exit 1 when something did not reach online. */
  int printApplied(Response.Applied applied) {
    PrintWriter out = out();
    PrintWriter err = err();
    Style style = style();
    applied.warnings().forEach(w -> err.println(style.yellow("warning: " + w)));
    ProcessTable.lines(applied.table(), style).forEach(out::println);
    if (applied.failures().isEmpty()) return ExitCode.OK;
    applied.failures().forEach(f -> err.println(style.red((style.pm2() ? "[PM2][ERROR] " : "✗ ") + f)));
    err.println("jpm logs NAME --lines 50 --nostream shows why");
    return ExitCode.NOT_CONVERGED;
  }
}
