package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.supervise.Liveness;
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
    daemon.ifPresent(KillCommand::awaitExit);
    out().println("daemon stopped");
    return ExitCode.OK;
  }

  /**
   * Polls briefly until the daemon has exited. Not {@code onExit()}: for a process that is not our child it
   * counts a zombie as alive, and the exited daemon waits as one until PID 1 reaps it (seconds on some machines).
   */
  private static void awaitExit(ProcessHandle daemon) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Liveness.isRunning(daemon) && System.nanoTime() < deadline)
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
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
