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
    Failure failure = Failure.of(ex);
    err.println(commandLine.getColorScheme().errorText(prefix(commandLine) + failure.message()));
    if (verbose) ex.printStackTrace(err);
    err.flush();
    return failure.exitCode();
  }

  /** {@code jpm: }, or PM2's {@code [PM2][ERROR] } for the pm2 command line. */
  static String prefix(CommandLine commandLine) {
    return commandLine.getCommandSpec().root().userObject() instanceof JpmCommand jpm && jpm.pm2()
        ? "[PM2][ERROR] " : "jpm: ";
  }

  /** What an exception means to the user: the exit code and the one line that says it. */
  record Failure(int exitCode, String message) {

    static Failure of(Exception ex) {
      if (ex instanceof CliFailure failure) return new Failure(failure.exitCode(), failure.getMessage());
      if (ex instanceof IOException io)
        return new Failure(ExitCode.FAILURE,
            "cannot talk to the jpm daemon: " + io.getMessage() + " (jpm ping checks it; -v shows details)");
      return new Failure(ExitCode.FAILURE,
          "unexpected error: " + ex + " (run again with -v for the stack; please report it)");
    }
  }
}
