package dev.jpm.cli.client;

import dev.jpm.engine.home.HandOverNote;
import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.os.Liveness;
import java.io.File;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts the daemon detached from the terminal (its own session through {@code setsid}, stdin from /dev/null,
 * output to {@code daemon.log}) with the same JDK and class path as this CLI, then waits until its socket answers.
 */
final class DaemonLauncher {

  static final String MAIN_CLASS = "dev.jpm.engine.daemon.JpmDaemon";

  /**
   * Without the AOT cache, no class data sharing either. Any shared archive is resident as a whole (it is
   * relocated at start, and the kernel maps the pages around each one touched): the daemon's AOT cache cost 12 MiB
   * idle and 8 MiB with 50 apps, the JDK's default archive 2 MiB, against what loading the same classes costs.
   */
  static final String NO_SHARING = "-Xshare:off";

  /**
   * System property naming the daemon's AOT cache. The launcher script sets it when {@code JPM_DAEMON_AOT=1} asks
   * for the cache; when the file exists the daemon starts with it, trading RSS for start time: its first ping
   * comes ~0.3 s sooner and its first requests run compiled sooner, for ~12 MiB more RSS.
   */
  public static final String AOT_CACHE_PROPERTY = "jpm.daemon.aot";

  private static final long START_TIMEOUT_MS = 20_000;

  private final JpmHome home;
  private final List<String> extraFlags;

  DaemonLauncher(JpmHome home) {
    this(home, List.of());
  }

  /** A launcher that adds {@code extraFlags} to the daemon's JVM (the AOT training run records with them). */
  DaemonLauncher(JpmHome home, List<String> extraFlags) {
    this.home = home;
    this.extraFlags = List.copyOf(extraFlags);
  }

  /**
   * A daemon started by {@link #startEarly} for a home: the command that started it waits on it instead of
   * starting another one.
   */
  private record Early(Path home, CompletableFuture<Process> daemon) {}

  private static volatile Early early;

  /**
   * The environment variable through which the {@code jpm} launcher script names the daemon it started for this
   * command, {@code PID:HOME}: it starts one for the verbs that start one early here, so that daemon's JVM boots beside
   * this one's.
   */
  static final String LAUNCHER_STARTED = "JPM_DAEMON_STARTING";

  /** A daemon the launcher script started for a home. */
  private record ByLauncher(Path home, ProcessHandle daemon) {}

  private static volatile ByLauncher byLauncher;

  /**
   * Starts the daemon of {@code home} on a second thread at once, when no daemon serves it (no socket): a command
   * that will ask a daemon anyway then parses its arguments while the daemon starts, instead of before. The daemon
   * is the same one {@link #startAndConnect} starts; it picks it up. When the launcher script already started one
   * ({@code launcherStarted}, the value of {@link #LAUNCHER_STARTED}), that one is waited for instead. Never fails:
   * the command then starts its own.
   */
  static void startEarly(JpmHome home, String launcherStarted) {
    if (home.socketProblem() != null || Files.exists(home.socket())) return;
    Optional<ProcessHandle> started = startedByLauncher(launcherStarted, home);
    if (started.isPresent()) {
      byLauncher = new ByLauncher(home.dir(), started.get());
      return;
    }
    CompletableFuture<Process> daemon = new CompletableFuture<>();
    early = new Early(home.dir(), daemon);
    Thread.ofPlatform().name("jpm-daemon-start").daemon().start(() -> {
      try {
        daemon.complete(new DaemonLauncher(home).spawn().orElse(null)); // null: the successor of an update comes
      } catch (IOException | RuntimeException e) {
        daemon.completeExceptionally(e);
      }
    });
  }

  /** The process {@code value} ({@code PID:HOME}) names, when it names {@code home}. */
  static Optional<ProcessHandle> startedByLauncher(String value, JpmHome home) {
    int colon = value == null ? -1 : value.indexOf(':');
    if (colon <= 0 || !Path.of(value.substring(colon + 1)).equals(home.dir())) return Optional.empty();
    try {
      return ProcessHandle.of(Long.parseLong(value.substring(0, colon)));
    } catch (NumberFormatException | java.nio.file.InvalidPathException notOurs) {
      return Optional.empty();
    }
  }

  SocketChannel startAndConnect(Supplier<SocketChannel> connect) throws IOException {
    SocketChannel served = awaitLauncherStart(connect);
    if (served != null) return served;
    Optional<Process> started = startedEarly();
    if (started.isEmpty()) started = spawn();
    if (started.isEmpty()) return awaitSuccessor(connect);
    Process daemon = started.get();
    // A second CLI may have won the race to start the daemon: ours then exits 0 and theirs answers.
    return await(connect, () -> {
      if (!daemon.isAlive() && daemon.exitValue() != 0)
        throw new IOException("the jpm daemon failed to start (exit " + daemon.exitValue() + "): "
            + lastLogLines() + " (full log: " + home.daemonLog() + ")");
      return true;
    });
  }

  /**
   * Waits for the daemon the launcher script started for this home; null when there is none, or when it ended
   * without answering: it lost a race to another daemon (whose socket then answers) or failed, and the caller starts
   * one, whose exit status and log say why.
   */
  private SocketChannel awaitLauncherStart(Supplier<SocketChannel> connect) throws IOException {
    ByLauncher started = byLauncher;
    if (started == null || !started.home().equals(home.dir()) || !extraFlags.isEmpty()) return null;
    byLauncher = null;
    SocketChannel channel = await(connect, () -> Liveness.isRunning(started.daemon()));
    return channel != null ? channel : connect.get();
  }

  /** Whether to go on waiting for a daemon's socket: false gives up; an exception says why the daemon failed. */
  private interface Patience {
    boolean stillWaiting() throws IOException;
  }

  /**
   * Polls {@code connect}, at growing intervals, until it answers, {@code patience} gives up (null) or
   * {@link #START_TIMEOUT_MS} passes (an exception, with the end of the daemon's log).
   */
  private SocketChannel await(Supplier<SocketChannel> connect, Patience patience) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    long pauseMs = 2;
    while (System.nanoTime() < deadline) {
      SocketChannel channel = connect.get();
      if (channel != null) return channel;
      if (!patience.stillWaiting()) return null;
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMs));
      if (Thread.currentThread().isInterrupted()) throw new IOException("interrupted while waiting for the daemon");
      pauseMs = Math.min(pauseMs * 2, 50);
    }
    throw new IOException("the jpm daemon did not answer within " + START_TIMEOUT_MS / 1000 + " s: "
        + lastLogLines() + " (full log: " + home.daemonLog() + ")");
  }

  /** The early start of this home's daemon, if this command made one that did not fail. */
  private Optional<Process> startedEarly() {
    Early started = early;
    if (started == null || !started.home().equals(home.dir()) || !extraFlags.isEmpty()) return Optional.empty();
    early = null;
    try {
      return Optional.ofNullable(started.daemon().join());
    } catch (java.util.concurrent.CompletionException failed) {
      return Optional.empty(); // started again by the caller, which reports a failure
    }
  }

  /**
   * Starts a daemon process; empty when the service's old daemon starts the successor ({@code jpm update} under a
   * service manager), which is then waited for instead.
   */
  private Optional<Process> spawn() throws IOException {
    home.ensurePrivate();
    if (HandOverNote.read(home).filter(note -> note.startsSuccessor() && note.fromAnotherLiveProcess()).isPresent())
      return Optional.empty();
    ProcessBuilder builder = new ProcessBuilder(command(extraFlags));
    // The daemon serves exactly this home, whatever the environment it inherits says.
    builder.environment().put("JPM_HOME", home.dir().toString());
    // A daemon started on demand is no service's main process, even when this command runs under one.
    builder.environment().remove("NOTIFY_SOCKET");
    builder.environment().remove(LAUNCHER_STARTED);
    // Not the caller's folder: a daemon must not keep a user's directory (or a mount) busy for its lifetime.
    builder.directory(home.dir().toFile());
    return Optional.of(builder
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(home.daemonLog().toFile()))
        .redirectErrorStream(true)
        .start());
  }

  /**
   * {@code jpm update} under a service manager: the old daemon starts its successor inside the unit; one started here
   * would race it for the home. Waits for the successor's socket instead.
   */
  private SocketChannel awaitSuccessor(Supplier<SocketChannel> connect) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      SocketChannel channel = connect.get();
      if (channel != null) return channel;
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    throw new IOException("the daemon that the service's old daemon started did not answer within "
        + START_TIMEOUT_MS / 1000 + " s (see the service's journal)");
  }

  /** The end of the daemon's log, which says why it did not come up. */
  private String lastLogLines() {
    try {
      List<String> lines = Files.readAllLines(home.daemonLog());
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    } catch (IOException unreadable) {
      return "no daemon log";
    }
  }

  private static List<String> command(List<String> extraFlags) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) command.add("/usr/bin/setsid");
    command.add(ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmFlags());
    String cache = System.getProperty(AOT_CACHE_PROPERTY);
    if (!extraFlags.isEmpty()) {
      command.addAll(extraFlags); // the AOT training run, which records with sharing on
    } else if (cache != null && Files.isRegularFile(Path.of(cache))) {
      command.add("-XX:AOTCache=" + Path.of(cache).toAbsolutePath()); // a stale one is skipped, logged
    } else {
      command.add(NO_SHARING);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN_CLASS);
    return command;
  }

  /**
   * The daemon's JVM flags, from {@code daemon.flags} beside this class (the launcher script reads it too). Read
   * only when a daemon is started: reading a resource opens the CLI's jar and inflates its manifest, which every
   * command paid on its main thread while this was read when the class was initialised (decision 0033).
   */
  static List<String> jvmFlags() {
    try (var in = DaemonLauncher.class.getResourceAsStream("daemon.flags")) {
      if (in == null) throw new IllegalStateException("the CLI jar lacks daemon.flags");
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
