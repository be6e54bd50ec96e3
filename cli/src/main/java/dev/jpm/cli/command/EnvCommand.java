package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.cli.render.SecretValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm env ID}: the environment one instance's process was started with, {@code KEY: value} per line, by
 * name. That is everything the process got: jpm passes no shell variable the file does not name.
 */
@Command(name = "env", description = "Print the environment an instance was started with, KEY: value per line.")
public final class EnvCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "One instance: its pm_id or NAME#INDEX (or an app of one instance).")
  String target;

  @Option(names = "--show-secrets", description = "Print values whose names look secret instead of a mask.")
  boolean showSecrets;

  @Override
  public Integer call() throws Exception {
    Response.Environment env = expect(send(new Request.Environment(target)), Response.Environment.class);
    env.variables().forEach((name, value) ->
        out().println(name + ": " + SecretValues.shown(name, value, showSecrets, env.secret())));
    return ExitCode.OK;
  }
}
