package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jpm link ...}: PM2.io linking has no counterpart in jpm. Deploy scripts often run {@code pm2 link delete}
 * to be sure nothing reports to PM2.io; here that is always true, so it says so and succeeds.
 */
@Command(name = "link", description = "PM2.io linking does not exist in jpm (link delete succeeds: nothing is linked).")
public final class LinkCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "ARG", description = "PM2's arguments (delete, or keys); ignored.")
  List<String> args = List.of();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println("PM2.io linking does not exist in jpm: nothing is linked, nothing to "
        + (args.contains("delete") ? "delete" : "link") + ". Metrics: jpm monit, or the Prometheus endpoint.");
    return ExitCode.OK;
  }
}
