package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.Main;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code jpm pm2 ARGS...}, and what the launcher runs when called through a link named {@code pm2}: PM2's command
 * line ({@link Pm2CommandLine}) run by jpm's verbs, printed in PM2's shapes (its boxed table, {@code [PM2]} lines,
 * {@code [PM2][ERROR]}), with PM2's exit codes: 0 once the command was carried out, even when an app did not come
 * online (PM2 does not wait), 1 for any error. So a deploy script or CI job written for PM2 runs unchanged.
 */
@Command(name = "pm2", description = "Run a PM2 command line (what a link named pm2 to the jpm launcher does).")
public final class Pm2Command extends ClientCommand {

  /** PM2's words, every one: picocli collects them here unparsed, to be parsed as the verb they name. */
  @Unmatched List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> typed = typed();
    Pm2CommandLine.Translation translation = Pm2CommandLine.translate(typed,
        word -> Files.isRegularFile(jpm.workingDirectory().resolve(word)));
    if (translation.version()) {
      out().println(spec.root().version()[0].replace("jpm ", ""));
      return ExitCode.OK;
    }
    if (translation.args().isEmpty()) {
      out().println("usage: pm2 <command> [options] (jpm speaks PM2's command line; jpm --help lists the verbs)");
      return ExitCode.OK;
    }
    String[] args = translation.args().toArray(String[]::new);
    CommandLine verb = Main.forArguments(jpm.environment(), true, args);
    verb.setOut(out());
    verb.setErr(err());
    int exit = verb.execute(args);
    return exit == ExitCode.OK || exit == ExitCode.NOT_CONVERGED ? ExitCode.OK : 1;
  }

  /**
   * What was typed after {@code pm2}, as typed: picocli has taken the words it knows as jpm's own options first
   * ({@code -v}, {@code -h}), and PM2 means other things by some of them ({@code -v} is its version).
   */
  private List<String> typed() {
    List<String> original = spec.commandLine().getParseResult().originalArgs();
    int verb = original.indexOf("pm2");
    return verb < 0 ? words : List.copyOf(original.subList(verb + 1, original.size()));
  }
}
