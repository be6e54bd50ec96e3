package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.supervise.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;

/**
 * {@code jpm update} (PM2's verb): the daemon saves its table and ends without stopping any app, then a new daemon
 * (this jpm's version) starts and adopts them: same pids, counters and log files, no restart.
 */
@Command(name = "update", description = "Replace the daemon (e.g. after an upgrade) without restarting any app.")
public final class UpdateCommand extends ClientCommand {

  @Override
  public Integer call() throws Exception {
    Optional<ProcessHandle> old = daemonProcess();
    Response response = jpm.client().sendIfRunning(new Request.Update(), out()::println);
    if (response instanceof Response.Failure failure) throw failure(failure);
    // The next daemon can take the home's lock only once the old one is gone.
    old.ifPresent(UpdateCommand::awaitExit);
    Response.Pong pong = expect(send(new Request.Ping()), Response.Pong.class);
    out().println((response == null ? "no daemon was running; " : "")
        + "daemon " + pong.pid() + " serves " + pong.apps() + " apps, adopted as they ran");
    return ExitCode.OK;
  }

  /** As {@code kill}: polls, since a non-child's {@code onExit()} waits for PID 1 to reap it. */
  private static void awaitExit(ProcessHandle daemon) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
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
