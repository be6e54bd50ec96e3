package dev.jpm.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm startOrReload FILE} (and PM2's {@code startOrGracefulReload}, the same in PM2 since its soft reload
 * went): as {@code startOrRestart}, with reload's rolling replacement, which in jpm is what both do.
 */
@Command(name = "startOrReload", aliases = "startOrGracefulReload",
    description = "Reload the file's apps that run (with the file's settings), start the others; delete nothing.")
public final class StartOrReloadCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "Ecosystem file.")
  String file;

  @Mixin FileTargets.Options options;

  @Option(names = {"--update-env", "-a"},
      description = "Accepted for PM2's scripts: a file's env is always applied, and jpm never takes the shell's.")
  boolean updateEnv;

  @Override
  public Integer call() throws Exception {
    return StartOrRestartCommand.refresh(jpm.client(), FileTargets.load(jpm, file, options), options.only,
        "startOrReload", out(), err(), style());
  }
}
