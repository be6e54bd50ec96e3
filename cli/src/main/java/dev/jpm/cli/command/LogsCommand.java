package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm logs [TARGET]}: the last lines of each instance's files, then (unless {@code --nostream}) new lines
 * as they are written, each prefixed {@code name#i |}.
 */
@Command(name = "logs", description = "Print the last lines of app logs, then follow them.")
public final class LogsCommand extends ClientCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", description = "App name, NAME#INDEX, or all (default).")
  String target = "all";

  @Option(names = "--lines", paramLabel = "N", description = "Lines to print from each file first (default 15).")
  int lines = 15;

  @Option(names = "--nostream", description = "Print the last lines and exit.")
  boolean noStream;

  @Option(names = "--out", description = "Only stdout.")
  boolean outOnly;

  @Option(names = "--err", description = "Only stderr.")
  boolean errOnly;

  @Override
  public Integer call() throws Exception {
    Response.Table table = expect(send(new Request.List()), Response.Table.class);
    List<LogFollower.Source> sources = sources(table.instances());
    if (sources.isEmpty()) {
      err().println("jpm: no instance matches '" + target + "' (jpm ls lists them)");
      return ExitCode.FAILURE;
    }
    LogFollower follower = new LogFollower(sources, out());
    follower.printTail(lines);
    if (!noStream) follower.follow();
    return ExitCode.OK;
  }

  private List<LogFollower.Source> sources(List<InstanceView> instances) {
    Style style = style();
    List<LogFollower.Source> sources = new ArrayList<>();
    for (InstanceView row : instances) {
      if (!matches(row)) continue;
      String prefix = style.cyan(row.id() + " |") + " ";
      if (!errOnly) addIfFile(sources, row.outLog(), prefix);
      if (!outOnly) addIfFile(sources, row.errLog(), prefix);
    }
    return sources;
  }

  private boolean matches(InstanceView row) {
    return target.equals("all") || target.equals(row.name()) || target.equals(row.id());
  }

  private static void addIfFile(List<LogFollower.Source> sources, String file, String prefix) {
    if (file == null || file.equals("/dev/null")) return;
    Path path = Path.of(file);
    if (sources.stream().noneMatch(s -> s.file().equals(path))) sources.add(new LogFollower.Source(path, prefix));
  }

}
