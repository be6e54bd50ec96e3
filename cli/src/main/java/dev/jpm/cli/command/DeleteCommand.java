package dev.jpm.cli.command;

import dev.jpm.cli.JpmCommand;
import dev.jpm.engine.protocol.Request;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jpm delete TARGET...}: an app named as a whole (by name, namespace, regex, file, all, or every one of its
 * instances) is forgotten; single instances (a pm_id, NAME#INDEX) are removed from their app.
 */
public final class DeleteCommand extends ControlVerb {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new DeleteCommand(), jpm, "delete", "Stop and forget apps or instances.", "del").targets()
        .spec();
  }

  @Override
  public Integer call() throws Exception {
    return control(Request.Verb.DELETE, parsedTargets());
  }
}
