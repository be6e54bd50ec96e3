package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpm delete TARGET...}: TARGET is an app name, {@code name#i}, or {@code all}. */
@Command(name = "delete", aliases = {"del"}, description = "Stop and forget apps or instances.")
public final class DeleteCommand extends ControlVerb {

  @Parameters(arity = "1..*", paramLabel = "TARGET", description = "App name, NAME#INDEX, or all.")
  List<String> targets;

  @Override
  public Integer call() throws Exception {
    return control(Request.Verb.DELETE, targets);
  }
}
