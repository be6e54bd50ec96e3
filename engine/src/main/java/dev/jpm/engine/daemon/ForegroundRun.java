package dev.jpm.engine.daemon;

import dev.jpm.engine.config.ConfigProblem;
import dev.jpm.engine.config.EcosystemFiles;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.logs.LogBus;
import dev.jpm.engine.logs.LogLine;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.os.OrphanReaper;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.Supervisor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * {@code jpm run FILE}, PM2's {@code pm2-runtime}: the daemon in the foreground as a container's PID 1. It applies
 * the file, prints every app's output on its stdout ({@code app#0 | line}, or the bare lines with {@code --raw}),
 * reaps the orphans a PID 1 inherits, and ends when told (SIGTERM/SIGINT stop every app gracefully, see
 * {@link JpmDaemon}) or when every app has stopped for good: exit 0 when all ended cleanly, 1 when one failed, 3 for
 * an invalid file.
 */
final class ForegroundRun {

  /** The command line of {@code jpm run}: {@code FILE [--env P] [--raw]}. */
  record Options(Path file, String profile, boolean raw) {

    /** Parses what follows {@code run}; throws with a usage line for anything else. */
    static Options parse(List<String> args, Path workingDirectory) {
      Path file = null;
      String profile = null;
      boolean raw = false;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.equals("--raw")) raw = true;
        else if (arg.equals("--env") && i + 1 < args.size()) profile = args.get(++i);
        else if (arg.startsWith("--env=")) profile = arg.substring("--env=".length());
        else if (!arg.startsWith("-") && file == null) file = workingDirectory.resolve(arg).toAbsolutePath().normalize();
        else throw new IllegalArgumentException("unexpected '" + arg + "'; usage: jpm run FILE [--env PROFILE] [--raw]");
      }
      if (file == null) throw new IllegalArgumentException("usage: jpm run FILE [--env PROFILE] [--raw]");
      return new Options(file, profile, raw);
    }
  }

  static final int EXIT_INVALID = 3;
  private static final long POLL_MS = 500;

  private final Options options;
  private final Supervisor supervisor;
  private final Reconciler reconciler;
  private final LogBus bus;
  private final PrintStream out;
  private final PrintStream err;

  ForegroundRun(Options options, Supervisor supervisor, Reconciler reconciler, LogBus bus, PrintStream out,
      PrintStream err) {
    this.options = options;
    this.supervisor = supervisor;
    this.reconciler = reconciler;
    this.bus = bus;
    this.out = out;
    this.err = err;
  }

  /**
   * Reads and validates the file before any daemon starts: an invalid one is reported on {@code err} and changes
   * nothing. Empty when the run should end with {@link #EXIT_INVALID}.
   */
  static Optional<DesiredState> load(Options options, Path home, Map<String, String> env, PrintStream err) {
    LoadResult loaded;
    try {
      loaded = new EcosystemFiles(home).read(options.file(), Path.of("").toAbsolutePath(), options.profile(), env);
    } catch (NoSuchFileException missing) {
      err.println("jpm run: " + options.file() + ": no such file");
      return Optional.empty();
    } catch (IOException e) {
      err.println("jpm run: cannot read " + options.file() + ": " + e.getMessage());
      return Optional.empty();
    }
    loaded.warnings().forEach(warning -> err.println("warning: " + warning.render()));
    if (loaded.ok()) return Optional.of(loaded.desired());
    loaded.errors().stream().map(ConfigProblem::render).forEach(error -> err.println("error: " + error));
    err.println("jpm run: " + loaded.errors().size() + " errors; nothing was started");
    return Optional.empty();
  }

  /**
   * Applies the apps and watches them on threads of its own; calls {@code stop} once with the exit code when every
   * app is done.
   */
  void start(DesiredState desired, IntConsumer stop) {
    LogBus.Subscription lines = bus.subscribe(new LogBus.Filter(null, null, true, true));
    Thread.ofPlatform().name("jpm-run-logs").daemon(true).start(() -> print(lines));
    Reconciler.Outcome outcome = reconciler.apply(desired, new PlanOptions(false, Set.of()), out::println);
    outcome.failures().forEach(failure -> err.println("jpm run: " + failure));
    Thread.ofPlatform().name("jpm-run-watch").daemon(true).start(() -> watch(stop));
  }

  private void print(LogBus.Subscription lines) {
    try {
      while (true) {
        for (LogLine line : lines.poll(1_000, 512)) {
          if (line.stream() == LogLine.Stream.EVENT) continue;
          PrintStream to = line.stream() == LogLine.Stream.ERR ? err : out;
          to.println(options.raw() ? line.text() : line.app() + "#" + line.instance() + " | " + line.text());
        }
        long missed = lines.takeMissed();
        if (missed > 0) err.println("jpm run: " + missed + " lines not shown here (the apps' log files have them)");
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every half second: reap orphans (as PID 1) and end when no app will run again. */
  private void watch(IntConsumer stop) {
    OrphanReaper reaper = ProcessHandle.current().pid() == 1 ? new OrphanReaper() : null;
    try {
      while (true) {
        Thread.sleep(POLL_MS);
        if (reaper != null) reaper.scan();
        ObservedState table = supervisor.observe();
        // A cron or a watch may start an app again at any time: such a file runs until it is told to stop.
        if (table.apps().values().stream().anyMatch(app -> app.applied().cronRestart() != null
            || !app.applied().watch().isEmpty())) continue;
        List<ProcessRecord> records = table.apps().values().stream().flatMap(app -> app.instances().stream()).toList();
        if (records.isEmpty() || records.stream().anyMatch(r -> r.status().isActive()
            || r.status() == ProcessStatus.STOPPING || r.restartRequested())) continue;
        boolean clean = records.stream().allMatch(r -> r.status() == ProcessStatus.STOPPED
            && Objects.equals(r.lastExitCode(), 0));
        err.println("jpm run: every app has stopped for good" + (clean ? "" : " (not all cleanly)"));
        stop.accept(clean ? 0 : 1);
        return;
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }
}
