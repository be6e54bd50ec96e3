package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm restart TARGET...}: stop and start each instance, one at a time per app. Given only ecosystem files it
 * does what PM2's {@code restart FILE} does: {@code startOrRestart} of each file.
 */
@Command(name = "restart", description = "Restart instances, one at a time per app.")
public final class RestartCommand extends ControlVerb {

  @Parameters(arity = "1..*", paramLabel = "TARGET", description = ControlVerb.TARGETS)
  List<String> targets;

  @Mixin FileTargets.Options files;

  @Option(names = {"--update-env", "-a"}, description = ControlVerb.UPDATE_ENV)
  boolean updateEnv;

  @Override
  public Integer call() throws Exception {
    if (FileTargets.allFiles(jpm, targets)) return refreshFiles(targets, files, "restart");
    return control(Request.Verb.RESTART, FileTargets.expand(jpm, targets, files));
  }
}
