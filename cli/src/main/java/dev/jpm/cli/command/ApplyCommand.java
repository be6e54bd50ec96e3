package dev.jpm.cli.command;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpm apply FILE}: converge the process table with the file. */
@Command(name = "apply", description = "Start, scale, restart or update apps so they match the file.")
public final class ApplyCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "Ecosystem file (YAML or strict JSON).")
  String file;

  @Option(names = "--env", paramLabel = "PROFILE", description = "Merge env_PROFILE over env.")
  String profile;

  @Option(names = "--prune", description = "Delete apps this file once applied and no longer lists.")
  boolean prune;

  @Option(names = "--only", split = ",", paramLabel = "APP", description = "Limit the plan to these apps.")
  List<String> only = List.of();

  @Override
  public Integer call() throws Exception {
    Request.Ecosystem ecosystem = EcosystemFile.read(jpm.workingDirectory(), file, profile, jpm.environment());
    return apply(jpm.client(), new Request.Apply(ecosystem, prune, only), out(), err(), style());
  }

  /** Sends {@code request}, prints its progress, plan and outcome; the exit code. Also {@code QuickApply}'s. */
  public static int apply(DaemonClient client, Request.Apply request, PrintWriter out, PrintWriter err, Style style)
      throws IOException {
    Response response = send(client, request, out, style);
    if (response instanceof Response.Invalid invalid) return Problems.print(invalid, err, style);
    Response.Applied applied = expect(response, Response.Applied.class);
    if (applied.plan().isEmpty()) out.println("in sync: nothing to do");
    return printApplied(applied, out, err, style);
  }

}
