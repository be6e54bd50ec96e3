package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpm scale NAME N|+N|-N|max}: add or remove instances; nobody else restarts. */
@Command(name = "scale", description = "Set the number of instances of an app.")
public final class ScaleCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "App name.")
  String app;

  @Parameters(index = "1", paramLabel = "COUNT", description = "N, +N, -N or max.")
  String count;

  @Override
  public Integer call() throws Exception {
    return printApplied(expect(send(new Request.Scale(app, count)), Response.Applied.class));
  }
}
