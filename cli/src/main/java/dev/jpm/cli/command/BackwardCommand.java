package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpm backward NAME}: one commit older, post_update, restart. */
@Command(name = "backward", description = "Move an app's git checkout one commit older, run post_update, restart.")
public final class BackwardCommand extends RevisionMoveVerb {

  @Parameters(index = "0", paramLabel = "NAME", description = "App name.")
  String app;

  @Override
  public Integer call() throws Exception {
    return move(Request.Move.BACKWARD, app, null);
  }
}
