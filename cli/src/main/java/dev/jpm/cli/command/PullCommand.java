package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpm pull NAME [COMMIT]}: fetch, move the app's checkout, run post_update, restart. */
@Command(name = "pull", description = {
    "Fetch and move an app's git checkout to its remote branch's head (or to COMMIT), run its post_update "
        + "commands, then restart it.",
    "If a post_update command fails, the checkout moves back and the app is left as it was."})
public final class PullCommand extends RevisionMoveVerb {

  @Parameters(index = "0", paramLabel = "NAME", description = "App name.")
  String app;

  @Parameters(index = "1", arity = "0..1", paramLabel = "COMMIT", description = "Commit (or ref) to move to.")
  String commit;

  @Override
  public Integer call() throws Exception {
    return move(Request.Move.PULL, app, commit);
  }
}
