package dev.jpm.cli;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.cli.command.AotTrainCommand;
import dev.jpm.cli.command.ApplyCommand;
import dev.jpm.cli.command.DeleteCommand;
import dev.jpm.cli.command.DiffCommand;
import dev.jpm.cli.command.InitCommand;
import dev.jpm.cli.command.KillCommand;
import dev.jpm.cli.command.ListCommand;
import dev.jpm.cli.command.LogsCommand;
import dev.jpm.cli.command.PingCommand;
import dev.jpm.cli.command.RestartCommand;
import dev.jpm.cli.command.ScaleCommand;
import dev.jpm.cli.command.ShowCommand;
import dev.jpm.cli.command.StartCommand;
import dev.jpm.cli.command.StopCommand;
import dev.jpm.cli.command.ValidateCommand;
import dev.jpm.engine.protocol.JpmHome;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code jpm} command: global options and the verbs. */
@Command(
    name = "jpm",
    mixinStandardHelpOptions = true,
    version = "jpm 0.1.0",
    description = "Process manager for any runtime, driven by ecosystem files.",
    subcommands = {
      ApplyCommand.class, DiffCommand.class, ValidateCommand.class, ListCommand.class, ShowCommand.class,
      StartCommand.class, StopCommand.class, RestartCommand.class, DeleteCommand.class, ScaleCommand.class,
      LogsCommand.class, PingCommand.class, KillCommand.class, InitCommand.class, AotTrainCommand.class
    })
public final class JpmCommand {

  @Option(names = "-v", scope = ScopeType.INHERIT, description = "Show stack traces with errors.")
  boolean verbose;

  private final Map<String, String> environment;
  private DaemonClient client;

  JpmCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The environment the command runs in (the process's, or a test's). */
  public Map<String, String> environment() {
    return environment;
  }

  public JpmHome home() {
    return JpmHome.fromEnvironment(environment);
  }

  /** The folder relative paths on the command line resolve against. */
  public Path workingDirectory() {
    return Path.of("").toAbsolutePath();
  }

  public DaemonClient client() {
    if (client == null) client = new DaemonClient(home());
    return client;
  }
}
