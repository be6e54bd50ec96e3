package dev.jpm.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * The one place that reports a command line picocli could not parse: one line saying what is wrong, the nearest
 * known option or verb for a typo ({@code --wach}: did you mean --watch?), and where the help is; exit 2.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    PrintWriter err = command.getErr();
    StringBuilder message = new StringBuilder(ex.getMessage());
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty())
        message.append("; did you mean ").append(String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))))
            .append('?');
    }
    message.append(" (").append(command.getCommandSpec().qualifiedName()).append(" --help lists what it takes)");
    err.println(command.getColorScheme().errorText(FailureHandler.prefix(command) + message));
    err.flush();
    return ExitCode.USAGE;
  }
}
