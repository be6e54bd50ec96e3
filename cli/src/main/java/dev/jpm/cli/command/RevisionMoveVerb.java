package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.ProcessTable;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;

/** What pull, forward and backward share: send the move, print where the checkout went and the table. */
abstract class RevisionMoveVerb extends ClientCommand {

  int move(Request.Move move, String app, String commit) throws java.io.IOException {
    Response.Moved moved = expect(send(new Request.RevisionMove(move, app, commit)), Response.Moved.class);
    Style style = style();
    if (!moved.from().equals(moved.to()))
      out().println(moved.app() + ": " + abbrev(moved.from()) + " -> " + style.bold(abbrev(moved.to())));
    ProcessTable.lines(moved.table(), style).forEach(out()::println);
    if (moved.failures().isEmpty()) return ExitCode.OK;
    moved.failures().forEach(f -> err().println(style.red("✗ " + f)));
    err().println("jpm logs " + moved.app() + " --lines 50 --nostream shows why; jpm backward " + moved.app()
        + " goes back");
    return ExitCode.NOT_CONVERGED;
  }

  static String abbrev(String revision) {
    return revision.substring(0, Math.min(7, revision.length()));
  }
}
