package dev.jpm.engine.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One launched process of an instance with what belongs to it: its tree, its log pumps and its pid file.
 * {@link #exited()} completes only after leftovers of its process group are killed and its pumps drained, so the
 * exit is processed after every line it wrote is in the files (a restart's log order stays right).
 */
final class ProcessRun {

  private static final System.Logger LOG = System.getLogger(ProcessRun.class.getName());
  /** A descendant that left the group may hold the pipe open forever; the exit is not held up longer than this. */
  static final long DRAIN_TIMEOUT_MS = 2000;

  private final LaunchedProcess process;
  private final ProcessTree tree;
  private final Optional<Path> pidFile;
  private final CompletableFuture<ExitStatus> exited;
  /** Completed by the owner once it has recorded this run's exit; a stop waits for it. */
  private final CompletableFuture<Void> handled = new CompletableFuture<>();

  private ProcessRun(LaunchedProcess process, List<LogPump> pumps, Optional<Path> pidFile, Executor exits) {
    this.process = process;
    this.tree = ProcessTree.of(process.pid(), process.startMs());
    this.pidFile = pidFile;
    CompletableFuture<?>[] drains = pumps.stream().map(LogPump::drained).toArray(CompletableFuture[]::new);
    this.exited = process.onExit()
        .thenComposeAsync(status -> {
          // The root is gone; children it left in its group would be orphans and would hold the pipes open.
          tree.sweepGroup();
          return CompletableFuture.allOf(drains)
              .completeOnTimeout(null, DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .thenApply(drained -> ExitStatus.fromJava(status));
        }, exits)
        .whenComplete((status, failure) -> deletePidFile());
  }

  /** Opens the log files, launches the process, starts its pumps and writes its pid file. */
  static ProcessRun start(LaunchRequest request, LogPaths paths, ProcessLauncher launcher, Executor exits)
      throws IOException {
    List<LogSink> opened = new ArrayList<>();
    try {
      Optional<LogSink> out = open(paths.out(), 1, opened);
      Optional<LogSink> err = open(paths.error(), 1, opened);
      int streams = (request.pipeStdout() ? 1 : 0) + (request.pipeStderr() ? 1 : 0);
      Optional<LogSink> combined = streams == 0 ? Optional.empty() : open(paths.combined(), streams, opened);
      LaunchedProcess process = launcher.launch(request);
      List<LogPump> pumps = new ArrayList<>();
      String name = "jpm-log-" + request.id() + "-" + process.pid();
      if (request.pipeStdout()) pumps.add(LogPump.start(name + "-out", process.stdout(), sinks(out, combined)));
      if (request.pipeStderr()) pumps.add(LogPump.start(name + "-err", process.stderr(), sinks(err, combined)));
      writePidFile(paths.pid(), process.pid());
      return new ProcessRun(process, pumps, paths.pid(), exits);
    } catch (IOException | RuntimeException e) {
      opened.forEach(LogSink::release);
      throw e;
    }
  }

  /** Whether this run's stdout must be piped: some file wants it. */
  static boolean wantsStdout(LogPaths paths) {
    return paths.out().isPresent() || paths.combined().isPresent();
  }

  /** Whether this run's stderr must be piped: some file wants it. */
  static boolean wantsStderr(LogPaths paths) {
    return paths.error().isPresent() || paths.combined().isPresent();
  }

  long pid() {
    return process.pid();
  }

  long startMs() {
    return process.startMs();
  }

  ProcessTree tree() {
    return tree;
  }

  CompletableFuture<ExitStatus> exited() {
    return exited;
  }

  CompletableFuture<Void> handled() {
    return handled;
  }

  private static Optional<LogSink> open(Optional<Path> path, int writers, List<LogSink> opened) throws IOException {
    if (path.isEmpty()) return Optional.empty();
    LogSink sink = LogSink.open(path.get(), writers);
    opened.add(sink);
    return Optional.of(sink);
  }

  private static List<LogSink> sinks(Optional<LogSink> own, Optional<LogSink> combined) {
    List<LogSink> sinks = new ArrayList<>(2);
    own.ifPresent(sinks::add);
    combined.ifPresent(sinks::add);
    return sinks;
  }

  /** The process already runs: a pid file that cannot be written is worth a warning, not a failed launch. */
  private static void writePidFile(Optional<Path> pidFile, long pid) {
    if (pidFile.isEmpty()) return;
    try {
      Path parent = pidFile.get().toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(pidFile.get(), pid + "\n");
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not write pid file " + pidFile.get(), e);
    }
  }

  private void deletePidFile() {
    if (pidFile.isEmpty()) return;
    try {
      Files.deleteIfExists(pidFile.get());
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete pid file " + pidFile.get(), e);
    }
  }
}
