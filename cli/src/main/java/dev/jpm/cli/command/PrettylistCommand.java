package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.cli.render.Inspected;
import dev.jpm.cli.render.Pm2Processes;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jpm prettylist}: {@code jlist}'s data as {@code pm2 prettylist} prints it (Node's util.inspect). */
public final class PrettylistCommand extends ClientCommand {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new PrettylistCommand(), jpm, "prettylist", "Print jlist's data pretty-printed, as PM2 does.")
        .spec();
  }

  @Override
  public Integer call() throws Exception {
    out().println(Inspected.of(Pm2Processes.of(JlistCommand.describe(this, List.of()).apps())));
    return ExitCode.OK;
  }
}
