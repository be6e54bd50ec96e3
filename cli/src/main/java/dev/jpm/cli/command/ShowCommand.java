package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.AppDetails;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpm show NAME}: one app's spec and instances. */
@Command(name = "show", aliases = {"describe", "info"}, description = "Show one app in detail.")
public final class ShowCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "App name.")
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
