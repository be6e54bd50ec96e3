package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;

/** {@code jpm cleardump}: empty the dump (the previous one stays as its backup). */
@Command(name = "cleardump", description = "Empty JPM_HOME/dump.json (the previous dump becomes dump.json.bak).")
public final class ClearDumpCommand extends ClientCommand {

  @Override
  public Integer call() throws Exception {
    out().println(expect(send(new Request.ClearDump()), Response.Done.class).message());
    return ExitCode.OK;
  }
}
