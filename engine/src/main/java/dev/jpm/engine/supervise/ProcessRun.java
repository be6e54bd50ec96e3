package dev.jpm.engine.supervise;

import dev.jpm.engine.logs.RunLogs;
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

  /** Launches the process with its log files already open, starts its pumps and writes its pid file. */
  static ProcessRun start(LaunchRequest request, RunLogs logs, Optional<Path> pidFile, ProcessLauncher launcher,
      Executor exits) throws IOException {
    LaunchedProcess process;
    try {
      process = launcher.launch(request);
    } catch (IOException | RuntimeException e) {
      logs.abandon();
      throw e;
    }
    List<LogPump> pumps = new ArrayList<>();
    String name = "jpm-log-" + request.id() + "-" + process.pid();
    logs.stdout().ifPresent(out -> pumps.add(LogPump.start(name + "-out", process.stdout(), out)));
    logs.stderr().ifPresent(err -> pumps.add(LogPump.start(name + "-err", process.stderr(), err)));
    writePidFile(pidFile, process.pid());
    return new ProcessRun(process, pumps, pidFile, exits);
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
