package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm delete TARGET...}: an app named as a whole (by name, namespace, regex, file, all, or every one of its
 * instances) is forgotten; single instances (a pm_id, NAME#INDEX) are removed from their app.
 */
@Command(name = "delete", aliases = {"del"}, description = "Stop and forget apps or instances.")
public final class DeleteCommand extends ControlVerb {

  @Parameters(arity = "1..*", paramLabel = "TARGET", description = ControlVerb.TARGETS)
  List<String> targets;

  @Mixin FileTargets.Options files;

  @Override
  public Integer call() throws Exception {
    return control(Request.Verb.DELETE, FileTargets.expand(jpm, targets, files));
  }
}
