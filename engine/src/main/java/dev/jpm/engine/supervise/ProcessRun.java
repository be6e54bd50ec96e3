package dev.jpm.engine.supervise;

import dev.jpm.engine.logs.RunLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * One launched process of an instance with what belongs to it: its tree, its pid file and, for a Node app, its
 * channel to jpm's preload (closed when it exits). {@link #exited()}
 * completes, off the event-loop thread, only after leftovers of its process group were killed and its output
 * drained, so the exit is processed after every line it wrote is with the log files (a restart's log order stays
 * right).
 */
final class ProcessRun {

  private static final System.Logger LOG = System.getLogger(ProcessRun.class.getName());
  /** A descendant that left the group may hold the pipe open forever; the exit is not held up longer than this. */
  static final long DRAIN_TIMEOUT_MS = 2000;

  private final LaunchedProcess process;
  private final ProcessTree tree;
  private final Optional<Path> pidFile;
  private final Optional<NodeChannel.Link> link;
  /** Taken over from a dead daemon: it said ready to that one (its channel went with it), as its ready line did. */
  private boolean adopted;
  private final CompletableFuture<ExitStatus> exited;
  /** Completed by the owner once it has recorded this run's exit; a stop waits for it. */
  private final CompletableFuture<Void> handled = new CompletableFuture<>();

  private ProcessRun(LaunchedProcess process, RunLogs logs, Optional<Path> pidFile, Optional<NodeChannel.Link> link,
      Executor exits, BiConsumer<ProcessRun, ExitStatus> owner) {
    this.process = process;
    this.tree = ProcessTree.of(process.pid(), process.startMs());
    this.pidFile = pidFile;
    this.link = link;
    // Async: the launcher completes the exit on its one event-loop thread, which must go back to reading pipes.
    // The owner is told on the same exits thread, in the same step: a second hop to another thread costs a crash
    // loop's replacement some 0.3 ms on a busy machine. The owner synchronises on its own monitor, which its launch
    // holds until this run is recorded, so an exit this quick still finds the run in place.
    this.exited = process.onExit().handleAsync((status, failure) -> {
      tree.markRootExited();
      deletePidFile();
      link.ifPresent(NodeChannel.Link::close);
      if (failure != null)
        LOG.log(System.Logger.Level.ERROR, "waiting for the exit of pid " + pid() + " failed", failure);
      ExitStatus exit = status != null ? status : new ExitStatus(null, "UNKNOWN");
      try {
        owner.accept(this, exit);
      } finally {
        logs.releaseHold(); // after the owner's decision: a restart has opened the same files meanwhile
      }
      return exit;
    }, exits);
  }

  /**
   * Launches the process with its log files already open (the launcher feeds them) and writes its pid file;
   * {@code owner} is called on an {@code exits} thread when the process has exited and its output drained. Never
   * with a null status: an exit that could not be observed is {@code UNKNOWN}. The run owns {@code link} (the
   * channel its request's environment names), also when it fails to start.
   */
  static ProcessRun start(LaunchRequest request, RunLogs logs, Optional<Path> pidFile,
      Optional<NodeChannel.Link> link, ProcessLauncher launcher, Executor exits,
      BiConsumer<ProcessRun, ExitStatus> owner) throws IOException {
    LaunchedProcess process;
    try {
      process = launcher.launch(request);
    } catch (IOException | RuntimeException e) {
      logs.abandon();
      link.ifPresent(NodeChannel.Link::close);
      throw e;
    }
    writePidFile(pidFile, process.pid());
    return new ProcessRun(process, logs, pidFile, link, exits, owner);
  }

  /**
   * Takes over a process a previous daemon launched, which still runs and whose pid file is still in place (see
   * {@link ProcessLauncher#adopt}); {@code owner} is called as for {@link #start}, with an unknown exit status. The
   * run owns {@code link}, the resumed channel of a Node app.
   */
  static ProcessRun adopt(LaunchRequest request, long pid, long startMs, RunLogs logs, Optional<Path> pidFile,
      Optional<NodeChannel.Link> link, ProcessLauncher launcher, Executor exits,
      BiConsumer<ProcessRun, ExitStatus> owner) throws IOException {
    LaunchedProcess process;
    try {
      process = launcher.adopt(request, pid, startMs);
    } catch (IOException | RuntimeException e) {
      logs.abandon();
      link.ifPresent(NodeChannel.Link::close);
      throw e;
    }
    ProcessRun run = new ProcessRun(process, logs, pidFile, link, exits, owner);
    run.adopted = true;
    return run;
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

  /** Whether the app called {@code process.send('ready')} (a Node app through jpm's preload). */
  boolean sentReady() {
    return adopted || link.isPresent() && link.get().saidReady();
  }

  /**
   * Whether the app listens on its port, as jpm's preload reported (a Node app); true when it cannot tell: not Node,
   * no channel, or adopted (online long ago).
   */
  boolean listened() {
    return adopted || link.isEmpty() || link.get().listened();
  }

  /** Sends PM2's {@code 'shutdown'} message; false when the app cannot receive it (not Node, not connected). */
  boolean askToShutdown() {
    return link.isPresent() && link.get().send("\"shutdown\"");
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
      // Checked first: createDirectories on an existing folder builds and drops an exception, once per launch here.
      if (parent != null && !Files.isDirectory(parent)) Files.createDirectories(parent);
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
