package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.cli.render.Durations;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jpm ping}: start the daemon if needed and say that it answers. */
public final class PingCommand extends ClientCommand {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new PingCommand(), jpm, "ping", "Check that the daemon answers (starting it if needed).").spec();
  }

  @Override
  public Integer call() throws Exception {
    Response.Pong pong = expect(send(new Request.Ping()), Response.Pong.class);
    out().println("pong: daemon " + pong.pid() + ", up " + Durations.compact(pong.uptimeMs()) + ", " + pong.apps()
        + " apps, protocol " + pong.protocol() + ", home " + jpm.home().dir());
    return ExitCode.OK;
  }
}
