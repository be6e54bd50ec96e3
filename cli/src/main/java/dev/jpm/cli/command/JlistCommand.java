package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.cli.render.Pm2Processes;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jpm jlist}: every instance as one JSON array in {@code pm2 jlist}'s shape, for tools written for PM2. */
public final class JlistCommand extends ClientCommand {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new JlistCommand(), jpm, "jlist",
        "Print every instance as JSON in PM2's jlist shape (pm_id, pm2_env, monit...).").spec();
  }

  @Override
  public Integer call() throws Exception {
    out().println(Wire.CODEC.toJson(Pm2Processes.of(describe(this, List.of()).apps())));
    return ExitCode.OK;
  }

  /** The apps and instances the targets name (every one when empty). Also prettylist's, id's and pid's. */
  static Response.Apps describe(ClientCommand command, List<String> targets) throws java.io.IOException {
    return expect(command.send(new Request.Describe(targets)), Response.Apps.class);
  }
}
