package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.Inspected;
import dev.jpm.cli.render.Pm2Processes;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code jpm prettylist}: {@code jlist}'s data as {@code pm2 prettylist} prints it (Node's util.inspect). */
@Command(name = "prettylist", description = "Print jlist's data pretty-printed, as PM2 does.")
public final class PrettylistCommand extends ClientCommand {

  @Override
  public Integer call() throws Exception {
    out().println(Inspected.of(Pm2Processes.of(JlistCommand.describe(this, List.of()).apps())));
    return ExitCode.OK;
  }
}
