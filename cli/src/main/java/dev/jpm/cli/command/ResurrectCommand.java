package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;

/** {@code jpm resurrect}: start the dump's apps that do not run; twice is the same as once. */
@Command(name = "resurrect", description = "Start the saved apps (jpm save) that are not in the table.")
public final class ResurrectCommand extends ClientCommand {

  @Override
  public Integer call() throws Exception {
    Response.Applied applied = expect(send(new Request.Resurrect()), Response.Applied.class);
    applied.plan().stream().filter(line -> line.startsWith("= keep")).forEach(out()::println);
    return printApplied(applied);
  }
}
