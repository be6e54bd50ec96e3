package dev.jpm.cli;

import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code jpm} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** The configured command line; tests call {@code execute} on it with their own writers and environment. */
  public static CommandLine commandLine(Map<String, String> environment) {
    CommandLine cli = new CommandLine(new JpmCommand(environment));
    cli.setExecutionExceptionHandler(new FailureHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
