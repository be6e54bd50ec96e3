package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jpm stop TARGET...}: see {@link ControlVerb#TARGETS} for what a target is. */
@Command(name = "stop", description = "Stop instances (stop signal, kill_timeout, then SIGKILL on the whole tree).")
public final class StopCommand extends ControlVerb {

  @Parameters(arity = "1..*", paramLabel = "TARGET", description = ControlVerb.TARGETS)
  List<String> targets;

  @Mixin FileTargets.Options files;

  @Override
  public Integer call() throws Exception {
    return control(Request.Verb.STOP, FileTargets.expand(jpm, targets, files));
  }
}
