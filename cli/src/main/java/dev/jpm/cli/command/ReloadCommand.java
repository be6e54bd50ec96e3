package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm reload TARGET...}: replace every process of the apps one at a time; in cluster mode each replacement
 * is ready and in rotation before the old process is drained and stopped. Exits non-zero when a rollout aborted.
 */
@Command(name = "reload", description = "Replace instances one at a time with no refused connection (cluster mode).")
public final class ReloadCommand extends ClientCommand {

  @Parameters(arity = "1..*", paramLabel = "TARGET", description = "App name, or all.")
  List<String> targets;

  @Override
  public Integer call() throws Exception {
    return printApplied(expect(send(new Request.Reload(targets)), Response.Applied.class));
  }
}
