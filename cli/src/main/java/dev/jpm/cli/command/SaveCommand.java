package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpm save} (PM2's alias {@code dump}): keep the table's apps in the dump, for {@code resurrect}. */
@Command(name = "save", aliases = "dump",
    description = "Keep the current apps in JPM_HOME/dump.json (the previous dump becomes dump.json.bak).")
public final class SaveCommand extends ClientCommand {

  @Option(names = {"-f", "--force"}, description = "Save even an empty table.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    out().println(expect(send(new Request.Save(force)), Response.Done.class).message());
    return ExitCode.OK;
  }
}
