package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm sendSignal SIGNAL TARGET...}: PM2's way to poke an app (SIGUSR2 to reopen logs, say). The signal goes to
 * each instance's process itself, not its children; the app's handler decides. Exit 1 when an instance was not
 * running.
 */
@Command(name = "sendSignal", description = "Send a signal (SIGUSR2, USR2 or 12) to the processes of the targets.")
public final class SendSignalCommand extends ControlVerb {

  @Parameters(index = "0", paramLabel = "SIGNAL", description = "A signal name (SIGUSR2 or USR2) or number.")
  String signal;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET", description = ControlVerb.TARGETS)
  List<String> targets;

  @Mixin FileTargets.Options files;

  @Override
  public Integer call() throws Exception {
    Request request = new Request.SendSignal(signal, FileTargets.expand(jpm, targets, files));
    Response.Applied applied = expect(send(request), Response.Applied.class);
    applied.plan().forEach(out()::println);
    applied.failures().forEach(failure -> err().println(style().red("✗ " + failure)));
    return applied.failures().isEmpty() ? dev.jpm.cli.ExitCode.OK : dev.jpm.cli.ExitCode.NOT_CONVERGED;
  }
}
