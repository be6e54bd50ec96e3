package dev.jpm.cli.command;

import picocli.CommandLine.Command;

/**
 * {@code jpm startOrReload FILE} (and PM2's {@code startOrGracefulReload}, the same in PM2 since its soft reload
 * went): as {@code startOrRestart}, with reload's rolling replacement, which in jpm is what both do.
 */
@Command(name = "startOrReload", aliases = "startOrGracefulReload",
    description = "Reload the file's apps that run (with the file's settings), start the others; delete nothing.")
public final class StartOrReloadCommand extends StartOrRestartCommand {

  @Override
  String cause() {
    return "startOrReload";
  }
}
