package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;

/** {@code jpm kill}: stop every app, then the daemon. Apps stay registered (stopped) for the next daemon. */
@Command(name = "kill", description = "Stop every app, then the daemon.")
public final class KillCommand extends ClientCommand {

  @Override
  public Integer call() throws Exception {
    Optional<ProcessHandle> daemon = daemonProcess();
    Response response = jpm.client().sendIfRunning(new Request.Kill(), out()::println);
    if (response == null) {
      out().println("no daemon running for " + jpm.home().dir());
      return ExitCode.OK;
    }
    if (response instanceof Response.Failure failure) throw failure(failure);
    // Return only once the daemon process is gone, so a following command starts a fresh one.
    daemon.ifPresent(process -> process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join());
    out().println("daemon stopped");
    return ExitCode.OK;
  }

  private Optional<ProcessHandle> daemonProcess() {
    try {
      long pid = Long.parseLong(Files.readString(jpm.home().dir().resolve("daemon.pid")).trim());
      return ProcessHandle.of(pid);
    } catch (IOException | NumberFormatException unknown) {
      return Optional.empty();
    }
  }
}
