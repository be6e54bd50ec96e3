package dev.jpm.cli.command;

import dev.jpm.cli.JpmCommand;
import dev.jpm.engine.protocol.Request;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jpm stop TARGET...}: see {@link ControlVerb#TARGETS} for what a target is. */
public final class StopCommand extends ControlVerb {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new StopCommand(), jpm, "stop",
        "Stop instances (stop signal, kill_timeout, then SIGKILL on the whole tree).").targets().spec();
  }

  @Override
  public Integer call() throws Exception {
    return control(Request.Verb.STOP, parsedTargets());
  }
}
