package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpm forward NAME}: one commit newer along the branch, post_update, restart. */
@Command(name = "forward", description = "Move an app's git checkout one commit newer, run post_update, restart.")
public final class ForwardCommand extends RevisionMoveVerb {

  @Parameters(index = "0", paramLabel = "NAME", description = "App name.")
  String app;

  @Override
  public Integer call() throws Exception {
    return move(Request.Move.FORWARD, app, null);
  }
}
