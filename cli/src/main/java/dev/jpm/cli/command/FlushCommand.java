package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpm flush [TARGET]}: empties log files in place (the apps keep writing into them). */
@Command(name = "flush", description = "Empty the log files of an app (all apps by default).")
public final class FlushCommand extends ClientCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", description = "App name, NAME#INDEX, or all (default).")
  String target = "all";

  @Override
  public Integer call() throws Exception {
    out().println(expect(send(new Request.Flush(target)), Response.Done.class).message());
    return ExitCode.OK;
  }
}
