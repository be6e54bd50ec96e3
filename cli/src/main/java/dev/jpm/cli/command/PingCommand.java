package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.Durations;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;

/** {@code jpm ping}: start the daemon if needed and say that it answers. */
@Command(name = "ping", description = "Check that the daemon answers (starting it if needed).")
public final class PingCommand extends ClientCommand {

  @Override
  public Integer call() throws Exception {
    Response.Pong pong = expect(send(new Request.Ping()), Response.Pong.class);
    out().println("pong: daemon " + pong.pid() + ", up " + Durations.compact(pong.uptimeMs()) + ", " + pong.apps()
        + " apps, protocol " + pong.protocol() + ", home " + jpm.home().dir());
    return ExitCode.OK;
  }
}
