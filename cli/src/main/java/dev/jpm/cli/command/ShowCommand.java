package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.AppDetails;
import dev.jpm.cli.render.SecretValues;
import dev.jpm.engine.protocol.Wire;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpm show TARGET}: one app's spec and instances. */
@Command(name = "show", aliases = {"describe", "desc", "info"}, description = "Show one app in detail.")
public final class ShowCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "TARGET",
      description = "An app name, or any target that names one app (a pm_id, NAME#INDEX, a namespace of one app...).")
  String name;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Option(names = "--show-secrets", description = "Print env values whose names look secret (*PASSWORD*, *TOKEN*,"
      + " *KEY*, *SECRET*...) instead of a mask.")
  boolean showSecrets;

  @Override
  public Integer call() throws Exception {
    Response.AppDetail detail = expect(send(new Request.Show(name)), Response.AppDetail.class);
    if (json) out().println(masked(Wire.CODEC.toPrettyJson(detail), detail.spec().secretEnv()));
    else AppDetails.lines(detail, style(), showSecrets).forEach(out()::println);
    return ExitCode.OK;
  }

  /** The JSON with the spec's secret-looking env values masked, unless {@code --show-secrets}. */
  private String masked(String json, java.util.List<String> declared) {
    if (showSecrets) return json;
    tools.jackson.databind.JsonNode tree = tools.jackson.databind.json.JsonMapper.shared().readTree(json);
    if (tree.path("spec").path("env") instanceof tools.jackson.databind.node.ObjectNode env)
      for (String name : java.util.List.copyOf(env.propertyNames()))
        env.put(name, SecretValues.shown(name, env.get(name).asString(), false, declared));
    return tools.jackson.databind.json.JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
  }
}
