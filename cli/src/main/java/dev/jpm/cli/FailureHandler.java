package dev.jpm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The one place that turns exceptions into output and exit codes: a line that says what went wrong and what to
 * do; {@code -v} adds the stack.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean verbose = false;
    for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand())
      verbose |= level.hasMatchedOption("-v");
    int code;
    String message;
    if (ex instanceof CliFailure failure) {
      code = failure.exitCode();
      message = failure.getMessage();
    } else if (ex instanceof IOException io) {
      code = ExitCode.FAILURE;
      message = "cannot talk to the jpm daemon: " + io.getMessage() + " (jpm ping checks it; -v shows details)";
    } else {
      code = ExitCode.FAILURE;
      message = "unexpected error: " + ex + " (run again with -v for the stack; please report it)";
    }
    err.println(commandLine.getColorScheme().errorText("jpm: " + message));
    if (verbose) ex.printStackTrace(err);
    err.flush();
    return code;
  }
}
