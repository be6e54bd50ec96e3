package dev.jpm.cli.command;

import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm startOrRestart FILE}: PM2's way to apply a file without pruning. Its apps that run are replaced with the
 * file's spec (env included), one instance at a time, keeping their instance count; the others are started.
 */
@Command(name = "startOrRestart",
    description = "Restart the file's apps that run (with the file's settings), start the others; delete nothing.")
public class StartOrRestartCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "Ecosystem file.")
  String file;

  @Mixin FileTargets.Options options;

  @Option(names = {"--update-env", "-a"},
      description = "Accepted for PM2's scripts: a file's env is always applied, and jpm never takes the shell's.")
  boolean updateEnv;

  /** The cause each replacement shows: the verb the user typed. */
  String cause() {
    return "startOrRestart";
  }

  @Override
  public Integer call() throws Exception {
    return refresh(this, FileTargets.load(jpm, file, options), options.only, cause());
  }

  /** Sends the file's apps to be started or replaced; prints progress and the outcome. Also reload's and restart's. */
  static int refresh(ClientCommand verb, LoadResult loaded, List<String> only, String cause) throws IOException {
    EcosystemFile.printWarnings(loaded, verb.err(), verb.style());
    Response response = verb.send(new Request.StartOrRestart(loaded.desired(), only, cause));
    return verb.printApplied(expect(response, Response.Applied.class));
  }
}
