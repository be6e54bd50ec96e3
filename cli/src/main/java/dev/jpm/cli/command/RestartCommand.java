package dev.jpm.cli.command;

import dev.jpm.cli.JpmCommand;
import dev.jpm.engine.protocol.Request;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jpm restart TARGET...}: stop and start each instance, one at a time per app. Given only ecosystem files it
 * does what PM2's {@code restart FILE} does: {@code startOrRestart} of each file.
 */
public final class RestartCommand extends ControlVerb {

  public static CommandSpec spec(JpmCommand jpm) {
    return CodedSpec.of(new RestartCommand(), jpm, "restart", "Restart instances, one at a time per app.").targets()
        .flag(ControlVerb.UPDATE_ENV, "--update-env", "-a").spec();
  }

  @Override
  public Integer call() throws Exception {
    List<String> targets = parsed().matchedPositionalValue(0, List.of());
    if (FileTargets.allFiles(jpm, targets)) return refreshFiles(targets, FileTargets.Options.parsed(this), "restart");
    return control(Request.Verb.RESTART, parsedTargets());
  }
}
