package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.util.List;

/** Shared by stop, start (of existing apps), restart and delete: send the verb, print the outcome. */
abstract class ControlVerb extends ClientCommand {

  int control(Request.Verb verb, List<String> targets) throws Exception {
    Response.Applied applied = expect(send(new Request.Control(verb, targets)), Response.Applied.class);
    return printApplied(applied);
  }
}
