package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.cli.render.ListOrder;
import dev.jpm.cli.render.ProcessTable;
import dev.jpm.engine.protocol.InstanceView;
import java.util.List;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jpm ls}: the process table. */
public final class ListCommand extends ClientCommand {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new ListCommand(), jpm, "ls", "List every instance and its state.", "list", "ps", "status")
        .flag("One JSON object per instance.", "--json")
        .option("--sort", "FIELD[:asc|desc]", String.class,
            "Order by name, id, pid, cpu, memory, uptime, restarts or status; ascending unless :desc.")
        .spec();
  }

  @Override
  public Integer call() throws Exception {
    String sort = parsed().matchedOptionValue("--sort", null);
    Response.Table table = expect(send(new Request.List()), Response.Table.class);
    List<InstanceView> rows = table.instances();
    if (sort != null) {
      try {
        rows = ListOrder.sorted(rows, sort);
      } catch (IllegalArgumentException bad) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), bad.getMessage());
      }
    }
    if (flag("--json")) printJson(rows);
    else ProcessTable.lines(rows, style()).forEach(out()::println);
    return ExitCode.OK;
  }
}
