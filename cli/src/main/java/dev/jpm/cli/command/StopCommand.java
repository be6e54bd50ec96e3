package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpm stop TARGET...}: TARGET is an app name, {@code name#i}, or {@code all}. */
@Command(name = "stop", description = "Stop instances (stop signal, kill_timeout, then SIGKILL on the whole tree).")
public final class StopCommand extends ControlVerb {

  @Parameters(arity = "1..*", paramLabel = "TARGET", description = "App name, NAME#INDEX, or all.")
  List<String> targets;

  @Override
  public Integer call() throws Exception {
    return control(Request.Verb.STOP, targets);
  }
}
