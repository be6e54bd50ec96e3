package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code jpm update} (PM2's verb): the daemon saves its table and leaves the home without stopping any app, then a
 * new daemon (this jpm's version) starts and adopts them: same pids, counters and log files, no restart. The old
 * daemon serves the cluster front ports until the new one listens beside it, so no connection is refused.
 */
@Command(name = "update", description = "Replace the daemon (e.g. after an upgrade) without restarting any app.")
public final class UpdateCommand extends ClientCommand {

  @Override
  public Integer call() throws Exception {
    Optional<ProcessHandle> old = RunningDaemon.of(jpm.home());
    Response response = jpm.client().sendIfRunning(new Request.Update(), out()::println);
    if (response instanceof Response.Failure failure) throw failure(failure);
    // The next daemon can take the home's lock once the old one left it (it serves its front ports until then).
    old.ifPresent(process -> RunningDaemon.awaitHandOver(jpm.home(), process, Duration.ofSeconds(30)));
    Response.Pong pong = expect(send(new Request.Ping()), Response.Pong.class);
    out().println((response == null ? "no daemon was running; " : "")
        + "daemon " + pong.pid() + " serves " + pong.apps() + " apps, adopted as they ran");
    return ExitCode.OK;
  }
}
