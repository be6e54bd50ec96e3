package dev.jpm.cli.command;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** Shared by stop, start (of existing apps), restart and delete: send the verb, print the outcome. */
public abstract class ControlVerb extends ClientCommand {

  int control(Request.Verb verb, List<String> targets) throws Exception {
    return control(jpm.client(), new Request.Control(verb, targets), out(), err(), style());
  }

  /** Sends {@code request} and prints its outcome; the exit code. Also {@code QuickControl}'s. */
  public static int control(DaemonClient client, Request.Control request, PrintWriter out, PrintWriter err,
      Style style) throws IOException {
    return printApplied(expect(send(client, request, out, style), Response.Applied.class), out, err, style);
  }
}
