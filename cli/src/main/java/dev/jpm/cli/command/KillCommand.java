package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.JpmCommand;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jpm kill}: stop every app, then the daemon. Apps stay registered (stopped) for the next daemon. */
public final class KillCommand extends ClientCommand {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new KillCommand(), jpm, "kill", "Stop every app, then the daemon.").spec();
  }

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
