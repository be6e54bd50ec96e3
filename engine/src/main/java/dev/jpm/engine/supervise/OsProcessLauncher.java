package dev.jpm.engine.supervise;

import dev.jpm.engine.os.Child;
import dev.jpm.engine.os.ChildSpec;
import dev.jpm.engine.os.Children;
import dev.jpm.engine.os.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Starts real processes through {@link Children}: one {@code posix_spawn} per process (no helper, no
 * {@code setsid} binary), leading its own process group, which is what lets a stop signal its whole tree;
 * stdin is {@code /dev/null}, the environment exactly the request's. Its output and exit are watched by the one
 * event-loop thread.
 */
public final class OsProcessLauncher implements ProcessLauncher {

  private final Children children;
  private final Optional<Path> pipes;

  /** Streams on anonymous pipes: processes cannot be taken over by another daemon. */
  public OsProcessLauncher() {
    this(Optional.empty());
  }

  /** Streams on named pipes in {@code pipes}, which the next daemon reopens to adopt the processes. */
  public OsProcessLauncher(Path pipes) {
    this(Optional.of(pipes));
  }

  private OsProcessLauncher(Optional<Path> pipes) {
    this.children = Children.shared();
    this.pipes = pipes;
  }

  /**
   * No more reading of the processes' streams nor watching of their exits: the daemon hands them over ({@code jpm
   * update}) and its successor reopens their pipes. True when the reading ended within {@code patience}.
   */
  public boolean stopWatching(java.time.Duration patience) throws InterruptedException {
    return children.stopWatching(patience);
  }

  @Override
  public LaunchedProcess launch(LaunchRequest request) throws IOException {
    if (!Files.isDirectory(request.cwd())) throw new IOException("cwd " + request.cwd() + " is not a directory");
    String program = resolve(request.command().getFirst(), request);
    Child child = children.spawn(new ChildSpec(program, request.command(), request.env(), request.cwd(),
        request.stdout(), request.stderr(), ProcessRun.DRAIN_TIMEOUT_MS, pipes, request.listenFd(),
        request.session()));
    long startMs = ProcStat.startMs(child.pid()).orElse(0);
    return new OsProcess(child.pid(), startMs, child.exit().thenApply(ExitStatus::of));
  }

  @Override
  public LaunchedProcess adopt(LaunchRequest request, long pid, long startMs) throws IOException {
    if (pipes.isEmpty()) throw new IOException("streams on anonymous pipes cannot be taken over");
    Child child = children.adopt(pid, pipes.get(), request.stdout(), request.stderr(), ProcessRun.DRAIN_TIMEOUT_MS);
    return new OsProcess(pid, startMs, child.exit().thenApply(ExitStatus::of));
  }

  /**
   * The executable as a path: an exec failure would only show as a spawn error number, so a missing program is
   * reported here with the PATH that was searched.
   */
  private static String resolve(String program, LaunchRequest request) throws IOException {
    if (program.contains("/")) {
      Path path = request.cwd().resolve(program);
      if (Files.isExecutable(path) && !Files.isDirectory(path)) return path.toString();
      throw new IOException("cannot execute " + path + ": no such executable file");
    }
    String searchPath = request.env().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : searchPath.split(":")) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) return candidate.toString();
    }
    throw new IOException("command '" + program + "' not found in PATH " + searchPath);
  }

  private record OsProcess(long pid, long startMs, CompletableFuture<ExitStatus> onExit) implements LaunchedProcess {}
}
