package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.GitOpsTable;
import dev.jpm.engine.config.Durations;
import dev.jpm.engine.protocol.GitOpsSource;
import dev.jpm.engine.protocol.GitOpsState;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm gitops add | ls | sync | rm}: ecosystem files the daemon follows in git repositories. The daemon
 * keeps a clone under {@code JPM_HOME/gitops}, polls the branch, and applies each new revision once.
 * ({@code jpm diff --gitops NAME} shows what the pending revision would do.)
 */
@Command(name = "gitops", description = "Follow ecosystem files in git repositories: add, ls, sync, rm.")
public final class GitOpsCommand extends ClientCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return ExitCode.USAGE;
  }

  @Command(name = "add", description = "Follow an ecosystem file in a repository; applies its head now.")
  int add(
      @Parameters(paramLabel = "NAME", description = "Name of the source.") String name,
      @Option(names = "--repo", required = true, paramLabel = "URL", description = "Repository URL or path.")
          String repo,
      @Option(names = "--ref", defaultValue = "main", paramLabel = "BRANCH", description = "Branch (default main).")
          String ref,
      @Option(names = "--path", required = true, paramLabel = "FILE",
          description = "Ecosystem file, relative to the repository root.") String path,
      @Option(names = "--env", paramLabel = "PROFILE", description = "Merge env_PROFILE over env.") String profile,
      @Option(names = "--interval", defaultValue = "60s", paramLabel = "DURATION",
          description = "How often to poll the branch (default 60s).") String interval,
      @Option(names = "--prune", description = "Delete apps the file once applied and no longer lists.")
          boolean prune) throws Exception {
    long intervalMs = Durations.parse(interval.strip()).orElseThrow(() -> new CliFailure(ExitCode.USAGE,
        "--interval " + interval + ": not a duration (e.g. 30s, 5m)"));
    Response response = send(new Request.GitOpsAdd(new GitOpsSource(name, repo, ref, path, profile, intervalMs,
        prune)));
    return print(expect(response, Response.GitOpsSources.class).sources());
  }

  @Command(name = "ls", aliases = "list", description = "The sources, their last applied and attempted revisions, "
      + "sync and health.")
  int ls(@Option(names = "--json", description = "Print as JSON.") boolean json) throws Exception {
    List<GitOpsState> sources = expect(send(new Request.GitOpsList()), Response.GitOpsSources.class).sources();
    if (json) {
      printJson(sources);
      return ExitCode.OK;
    }
    print(sources);
    return ExitCode.OK;
  }

  @Command(name = "sync", description = "Poll a source now and apply its head (again, if it failed before).")
  int sync(@Parameters(paramLabel = "NAME", description = "Name of the source.") String name) throws Exception {
    return print(expect(send(new Request.GitOpsSync(name)), Response.GitOpsSources.class).sources());
  }

  @Command(name = "rm", aliases = "remove", description = "Stop following a source; its apps keep running.")
  int rm(@Parameters(paramLabel = "NAME", description = "Name of the source.") String name) throws Exception {
    expect(send(new Request.GitOpsRemove(name)), Response.GitOpsSources.class);
    out().println("no longer following " + name + " (its apps keep running; jpm delete removes them)");
    return ExitCode.OK;
  }

  /** Prints the table; exit 1 when a source shown is out of sync or degraded. */
  private int print(List<GitOpsState> sources) {
    GitOpsTable.lines(sources, System.currentTimeMillis(), style()).forEach(out()::println);
    boolean healthy = sources.stream().allMatch(state -> "Synced".equals(state.status().sync())
        && "Healthy".equals(state.status().health()));
    return healthy ? ExitCode.OK : ExitCode.NOT_CONVERGED;
  }
}
