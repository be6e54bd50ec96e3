package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.ProcessTable;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpm ls}: the process table. */
@Command(name = "ls", aliases = {"list", "ps", "status"}, description = "List every instance and its state.")
public final class ListCommand extends ClientCommand {

  @Option(names = "--json", description = "One JSON object per instance.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Response.Table table = expect(send(new Request.List()), Response.Table.class);
    if (json) printJson(table.instances());
    else ProcessTable.lines(table.instances(), style()).forEach(out()::println);
    return ExitCode.OK;
  }
}
