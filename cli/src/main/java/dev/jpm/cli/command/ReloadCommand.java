package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm reload TARGET...} (PM2's {@code gracefulReload} too): replace every process of the apps one at a time;
 * in cluster mode each replacement is ready and in rotation before the old process is drained and stopped. An
 * instance named alone (a pm_id, NAME#INDEX) is replaced alone. Given only ecosystem files it does PM2's {@code
 * reload FILE}: {@code startOrReload} of each. Exits non-zero when a rollout aborted.
 */
@Command(name = "reload", aliases = "gracefulReload",
    description = "Replace instances one at a time with no refused connection (cluster mode).")
public final class ReloadCommand extends ControlVerb {

  @Parameters(arity = "1..*", paramLabel = "TARGET", description = ControlVerb.TARGETS)
  List<String> targets;

  @Mixin FileTargets.Options files;

  @Option(names = {"--update-env", "-a"}, description = ControlVerb.UPDATE_ENV)
  boolean updateEnv;

  @Override
  public Integer call() throws Exception {
    if (FileTargets.allFiles(jpm, targets)) return refreshFiles(targets, files, "reload");
    Request request = new Request.Reload(FileTargets.expand(jpm, targets, files));
    return printApplied(expect(send(request), Response.Applied.class));
  }
}
