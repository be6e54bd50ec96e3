package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.AppDetails;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpm show TARGET}: one app's spec and instances. */
@Command(name = "show", aliases = {"describe", "desc", "info"}, description = "Show one app in detail.")
public final class ShowCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "TARGET",
      description = "An app name, or any target that names one app (a pm_id, NAME#INDEX, a namespace of one app...).")
  String name;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Response.AppDetail detail = expect(send(new Request.Show(name)), Response.AppDetail.class);
    if (json) printJson(detail);
    else AppDetails.lines(detail, style()).forEach(out()::println);
    return ExitCode.OK;
  }
}
