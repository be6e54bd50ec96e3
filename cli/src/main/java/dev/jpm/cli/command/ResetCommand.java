package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jpm reset TARGET...}: PM2's reset, restart counters back to 0; no process is touched. */
@Command(name = "reset", description = "Set the restart counters of the targets back to 0.")
public final class ResetCommand extends ControlVerb {

  @Parameters(arity = "1..*", paramLabel = "TARGET", description = ControlVerb.TARGETS)
  List<String> targets;

  @Mixin FileTargets.Options files;

  @Override
  public Integer call() throws Exception {
    Response.Applied applied = expect(send(new Request.Reset(FileTargets.expand(jpm, targets, files))),
        Response.Applied.class);
    return printApplied(applied);
  }
}
