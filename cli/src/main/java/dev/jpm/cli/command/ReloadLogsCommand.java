package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;

/** {@code jpm reloadLogs}: reopens every log file, for an outside tool that moved them away (logrotate). */
@Command(name = "reloadLogs", description = "Reopen every log file (after an outside tool rotated them).")
public final class ReloadLogsCommand extends ClientCommand {

  @Override
  public Integer call() throws Exception {
    out().println(expect(send(new Request.ReloadLogs()), Response.Done.class).message());
    return ExitCode.OK;
  }
}
