package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import java.time.Duration;
import java.util.Optional;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;

/** {@code jpm kill}: stop every app, then the daemon. Apps stay registered (stopped) for the next daemon. */
@Command(name = "kill", description = "Stop every app, then the daemon.")
public final class KillCommand extends ClientCommand {

  @Override
  public Integer call() throws Exception {
    Optional<ProcessHandle> daemon = RunningDaemon.of(jpm.home());
    Response response = jpm.client().sendIfRunning(new Request.Kill(), out()::println);
    if (response == null) {
      out().println("no daemon running for " + jpm.home().dir());
      return ExitCode.OK;
    }
    if (response instanceof Response.Failure failure) throw failure(failure);
    // Return only once the daemon process is gone, so a following command starts a fresh one.
    daemon.ifPresent(process -> RunningDaemon.awaitExit(process, Duration.ofSeconds(10)));
    out().println("daemon stopped");
    return ExitCode.OK;
  }
}
