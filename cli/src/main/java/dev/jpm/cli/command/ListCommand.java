package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.ListOrder;
import dev.jpm.cli.render.ProcessTable;
import dev.jpm.engine.protocol.InstanceView;
import java.util.List;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpm ls}: the process table. */
@Command(name = "ls", aliases = {"list", "ps", "status"}, description = "List every instance and its state.")
public final class ListCommand extends ClientCommand {

  @Option(names = "--json", description = "One JSON object per instance.")
  boolean json;

  @Option(names = "--sort", paramLabel = "FIELD[:asc|desc]",
      description = "Order by name, id, pid, cpu, memory, uptime, restarts or status; ascending unless :desc.")
  String sort;

  @Override
  public Integer call() throws Exception {
    Response.Table table = expect(send(new Request.List()), Response.Table.class);
    List<InstanceView> rows = table.instances();
    if (sort != null) {
      try {
        rows = ListOrder.sorted(rows, sort);
      } catch (IllegalArgumentException bad) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), bad.getMessage());
      }
    }
    if (json) printJson(rows);
    else ProcessTable.lines(rows, style()).forEach(out()::println);
    return ExitCode.OK;
  }
}
