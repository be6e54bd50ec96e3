package dev.jpm.engine.supervise;

import dev.jpm.engine.logs.LogPaths;
import dev.jpm.engine.logs.RunLogs;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ExecMode;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.RestartEvent;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.os.ChildSpec;
import dev.jpm.engine.os.ProcEnviron;
import dev.jpm.engine.os.Signals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One instance: an explicit state machine (launching, online, stopping, stopped, waiting restart, errored) whose
 * only way to change state is {@link #transition}. Its fields are guarded by its monitor and never held across a
 * blocking wait: a stop releases it while the tree dies, so the exit path can still record the exit. User acts
 * (start, stop, restart) are serialized by {@link #userActs}, so two of them never interleave; automatic restarts
 * carry the {@link #generation} they were scheduled in and are dropped when a user act came in between.
 */
final class ManagedProcess {

  private static final System.Logger LOG = System.getLogger(ManagedProcess.class.getName());
  /** Beyond the stop sequence, how long a stop waits for the exit path to record the exit (output drains first). */
  private static final long EXIT_RECORD_TIMEOUT_MS = ProcessRun.DRAIN_TIMEOUT_MS + 3000;
  /** Restarts kept for {@code show}: enough to see a pattern, bounded whatever an app does. */
  static final int HISTORY = 10;

  private final InstanceId id;
  /** PM2's {@code pm_id}; a surge carries the number of the instance it replaces. */
  private final int pmId;
  private final SupervisionContext context;
  private final ReentrantLock userActs = new ReentrantLock();

  // Guarded by this.
  private AppSpec spec;
  private ProcessStatus status = ProcessStatus.STOPPED;
  private ProcessRun run;
  /** The private port the current run listens on (balanced apps), 0 when none. */
  private int port;
  private String specHash;
  private long startedAtMs;
  private int restarts;
  private int unstableRestarts;
  private Integer lastExitCode;
  private String lastSignal;
  private String reason;
  private String restartRequest;
  private long backoffMs;
  private long generation;
  /** The environment the current (or last) process was started with; empty before the first launch. */
  private java.util.Map<String, String> launchedEnvironment = java.util.Map.of();
  private ScheduledFuture<?> pendingRestart;
  private final ArrayDeque<RestartEvent> history = new ArrayDeque<>();

  /** Watches the current run's stdout for ready_pattern; null when the app has none. */
  private volatile ReadyLine readyLine;

  /** The latest published snapshot, readable without the monitor. */
  private volatile ProcessRecord record;
  private volatile List<RestartEvent> historyView = List.of();

  ManagedProcess(InstanceId id, int pmId, AppSpec spec, SupervisionContext context) {
    this.id = id;
    this.pmId = pmId;
    this.spec = spec;
    this.context = context;
    synchronized (this) {
      publish();
    }
  }

  InstanceId id() {
    return id;
  }

  int pmId() {
    return pmId;
  }

  ProcessRecord record() {
    return record;
  }

  synchronized StopPolicy stopPolicy() {
    return spec.stop();
  }

  /** The last {@value #HISTORY} restarts, oldest first. */
  List<RestartEvent> restartHistory() {
    return historyView;
  }

  /**
   * Takes over the counters of the instance this one replaces in a rolling reload (a surge promoted in its place):
   * the replacement counts as one more restart of the same instance.
   */
  synchronized void succeed(ProcessRecord previous) {
    restarts = previous.restarts() + 1;
    publish();
    context.changed().run();
  }

  /** The environment the current (or last) process was started with (PM2's {@code env ID}). */
  synchronized java.util.Map<String, String> launchedEnvironment() {
    return launchedEnvironment;
  }

  /** PM2's {@code reset}: the restart counters start over; the process is left alone. */
  synchronized ProcessRecord resetCounters() {
    restarts = 0;
    unstableRestarts = 0;
    publish();
    context.changed().run();
    return record;
  }

  /**
   * Sends signal {@code number} to the running process itself, not its tree (PM2's {@code sendSignal}: an app's
   * own handler decides what it means); false when nothing runs.
   */
  synchronized boolean signal(int number) {
    return run != null && Signals.toProcess(run.pid(), number);
  }

  /** Whether the run with {@code pid} called {@code process.send('ready')} (false when it is not the current run). */
  boolean sentReady(long pid) {
    return currentRunIs(pid, ProcessRun::sentReady);
  }

  /** Whether the run with {@code pid} listens on its app's port, as far as jpm can tell ({@link ProcessRun#listened}). */
  boolean listened(long pid) {
    return currentRunIs(pid, ProcessRun::listened);
  }

  /** Whether {@code pid} is the current run and {@code test} holds for it (read under the monitor, tested outside). */
  private boolean currentRunIs(long pid, java.util.function.Predicate<ProcessRun> test) {
    ProcessRun current;
    synchronized (this) {
      current = run;
    }
    return current != null && current.pid() == pid && test.test(current);
  }

  /** Whether the run with {@code pid} printed its ready line (false when it is not the current run). */
  boolean saidReady(long pid) {
    ReadyLine watcher = readyLine;
    ProcessRecord now = record;
    return watcher != null && now.pid() == pid && watcher.matched();
  }

  /** The new policy applies from the next exit, the new command and log paths from the next start. */
  synchronized void replaceSpec(AppSpec newSpec) {
    spec = newSpec;
  }

  /**
   * Records that the current (or last) process must be replaced for {@code cause}; the reconciler honours it.
   * A later request replaces the cause of an earlier one not honoured yet: one replacement serves both.
   */
  synchronized void requestRestart(String cause) {
    restartRequest = cause;
    publish();
    context.logs().bus().event(id.app(), id.index(), "restart requested: " + cause);
    context.changed().run();
  }

  /** Starts the process unless it runs; a user act, so the unstable count starts over. */
  ProcessRecord start() {
    userActs.lock();
    try {
      synchronized (this) {
        if (run != null) return record;
        unstableRestarts = 0;
        backoffMs = 0;
        launch(Edge.START);
        return record;
      }
    } finally {
      userActs.unlock();
    }
  }

  /** Stops the tree (if any), then starts again; counts one restart. A tree that survived is not doubled. */
  ProcessRecord restart(String cause) {
    userActs.lock();
    try {
      if (!stopTree()) return record;
      synchronized (this) {
        remember(cause);
        restarts++;
        unstableRestarts = 0;
        backoffMs = 0;
        launch(Edge.START);
        return record;
      }
    } finally {
      userActs.unlock();
    }
  }

  /** Stops the whole tree; returns when every process of it is gone. Never restarted automatically after. */
  ProcessRecord stop() {
    userActs.lock();
    try {
      stopTree();
      return record;
    } finally {
      userActs.unlock();
    }
  }

  /**
   * Takes over the counters a previous daemon recorded and, when it was active, starts it again without
   * resetting them; otherwise it stays stopped or errored as recorded.
   */
  ProcessRecord restore(ProcessRecord recorded) {
    userActs.lock();
    try {
      synchronized (this) {
        if (run != null || status != ProcessStatus.STOPPED) return record; // already live here: never doubled
        takeCounters(recorded);
        if (recorded.status().isActive()) {
          launch(Edge.START);
        } else if (recorded.status() == ProcessStatus.ERRORED) {
          transition(Edge.RESTORED_ERRORED, recorded.reason());
        } else {
          transition(Edge.RESTORED_STOPPED, recorded.reason());
        }
        return record;
      }
    } finally {
      userActs.unlock();
    }
  }

  /**
   * Takes over the process a previous daemon recorded as online and that still runs (same pid, same start time, as
   * the caller checked): counters, uptime and private port stay as recorded, its output goes on into the same files,
   * nothing restarts. False when it cannot be taken over (its pipes are gone, it just ended...): the instance is then
   * untouched, still stopped, and {@code why} has been told the reason.
   */
  boolean adopt(ProcessRecord recorded, Consumer<String> why) {
    userActs.lock();
    try {
      synchronized (this) {
        if (run != null || status != ProcessStatus.STOPPED) return false;
        return takeOver(recorded, why);
      }
    } finally {
      userActs.unlock();
    }
  }

  /** Holds the monitor. */
  private boolean takeOver(ProcessRecord recorded, Consumer<String> why) {
    AppSpec current = spec;
    int heldPort = recorded.port();
    boolean portHeld = false;
    RunLogs logs = null;
    try {
      if (heldPort > 0 && !(portHeld = context.ports().hold(heldPort)))
        throw new java.io.IOException("its private port " + heldPort + " is taken here");
      logs = context.logs().open(id, current.logs());
      ReadyLine watcher = current.traffic().readyPattern() == null ? null
          : new ReadyLine(java.util.regex.Pattern.compile(current.traffic().readyPattern()), context.changed())
              .alreadyMatched();
      if (watcher != null) logs = logs.alsoStdoutTo(watcher);
      LaunchRequest request = new LaunchRequest(id, current.command(), Path.of(current.cwd()), java.util.Map.of(),
          logs.stdout(), logs.stderr());
      // env ID shows what the process was started with; its predecessor daemon knew, /proc still does.
      Map<String, String> startedWith = ProcEnviron.of(recorded.pid());
      Optional<NodeChannel.Link> link = current.runsOnNode()
          ? context.node().resume(startedWith, this::listeningOn) : Optional.empty();
      RunLogs owned = logs;
      logs = null; // the run owns them now, also when it fails
      ProcessRun adopted = ProcessRun.adopt(request, recorded.pid(), recorded.pidStartMs(), owned,
          LogPaths.of(current.logs(), id.index(), context.jpmHome()).pid(), link, context.launcher(),
          context.exits(), this::onExit);
      if (heldPort > 0) adopted.exited().whenComplete((exit, failure) -> context.ports().release(heldPort));
      readyLine = watcher;
      run = adopted;
      launchedEnvironment = startedWith;
      port = heldPort;
      takeCounters(recorded);
      startedAtMs = recorded.startedAtMs();
      transition(Edge.ADOPTED, null);
      return true;
    } catch (java.io.IOException | RuntimeException e) {
      if (logs != null) logs.abandon();
      if (portHeld) context.ports().release(heldPort);
      why.accept(e.getMessage());
      return false;
    }
  }

  /** The counters a previous daemon recorded. Holds the monitor. */
  private void takeCounters(ProcessRecord recorded) {
    restarts = recorded.restarts();
    unstableRestarts = recorded.unstableRestarts();
    lastExitCode = recorded.lastExitCode();
    lastSignal = recorded.lastSignal();
    specHash = recorded.specHash();
    restartRequest = recorded.restartRequest();
  }

  /** Waits until online for min_uptime, or stopped/errored, or {@code timeout}; returns the record as it is. */
  synchronized ProcessRecord awaitSettled(Duration timeout) throws InterruptedException {
    // Monotonic time for the caller's timeout; the injected clock only for the instance's own timestamps.
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long uptime = context.clock().millis() - startedAtMs;
      long minUptime = spec.restart().minUptimeMs();
      boolean settled = status == ProcessStatus.STOPPED || status == ProcessStatus.ERRORED
          || (status == ProcessStatus.ONLINE && uptime >= minUptime);
      long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (settled || leftMs <= 0) return record;
      long waitMs = status == ProcessStatus.ONLINE ? Math.min(leftMs, minUptime - uptime) : leftMs;
      wait(Math.max(1, waitMs));
    }
  }

  /** Stops whatever runs; true when no process of the instance is left. */
  private boolean stopTree() {
    ProcessRun stopping;
    StopPolicy policy;
    synchronized (this) {
      cancelPendingRestart();
      if (run == null) {
        if (status != ProcessStatus.STOPPED) transition(Edge.STOP_IDLE, null);
        return true;
      }
      stopping = run;
      policy = spec.stop();
      transition(Edge.STOP_REQUESTED, null);
    }
    StopSequence.Outcome outcome = awaitStop(stopping, policy);
    // A process we could not watch (a fake launcher's, or one already gone at launch) has no exit to wait for.
    if (stopping.tree().owned()) awaitExitRecorded(stopping);
    synchronized (this) {
      run = null;
      startedAtMs = 0;
      if (outcome == StopSequence.Outcome.SURVIVED) {
        transition(Edge.TREE_SURVIVED, "processes of the tree survived SIGKILL: " + stopping.tree().survivors());
        return false;
      }
      transition(Edge.TREE_GONE, null);
      return true;
    }
  }

  /** PM2's shutdown message where the app asked for it and can receive it, else the stop signal. */
  private StopSequence.Outcome awaitStop(ProcessRun stopping, StopPolicy policy) {
    try {
      if (policy.shutdownWithMessage() && stopping.askToShutdown())
        return StopSequence.afterAsking(stopping.tree(), policy.killTimeoutMs(), context.timer()).join();
      return StopSequence.start(stopping.tree(), stopSignal(policy), policy.killTimeoutMs(), context.timer()).join();
    } catch (CompletionException e) {
      LOG.log(System.Logger.Level.ERROR, id + ": stop sequence failed", e.getCause());
      return StopSequence.Outcome.SURVIVED;
    }
  }

  /** An unknown signal name must not make an app unstoppable: fall back to PM2's INT (and SIGKILL after). */
  private int stopSignal(StopPolicy policy) {
    try {
      return Signals.number(policy.signal());
    } catch (IllegalArgumentException e) {
      LOG.log(System.Logger.Level.WARNING, id + ": " + e.getMessage() + "; stopping with INT");
      return Signals.number(StopPolicy.PM2_DEFAULTS.signal());
    }
  }

  /** The exit path records exit code and signal; give it the time to drain the output first. */
  private void awaitExitRecorded(ProcessRun stopping) {
    try {
      stopping.handled().get(EXIT_RECORD_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.log(System.Logger.Level.WARNING, id + ": exit of pid " + stopping.pid() + " not seen after its tree died");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.log(System.Logger.Level.WARNING, id + ": recording the exit failed", e.getCause());
    }
  }

  /** Called on an exits thread when {@code ended} has exited and its output drained. Never throws. */
  private void onExit(ProcessRun ended, ExitStatus exit) {
    try {
      synchronized (this) {
        if (ended != run) return;
        lastExitCode = exit.code();
        lastSignal = exit.signal();
        if (status == ProcessStatus.STOPPING) return; // the stop in progress finishes the job
        run = null;
        decideAfterExit(exit);
      }
    } catch (RuntimeException e) {
      // The supervisor must survive anything an app does; this is a bug of ours, so say it loudly.
      LOG.log(System.Logger.Level.ERROR, id + ": processing the exit failed", e);
    } finally {
      ended.handled().complete(null);
    }
  }

  private void decideAfterExit(ExitStatus exit) {
    long now = context.clock().millis();
    var facts = new RestartDecider.Exit(exit, startedAtMs, now, unstableRestarts, backoffMs);
    startedAtMs = 0;
    // A run-once job (autostart: false with a cron) is done when it exits: its cron starts the next run.
    switch (RestartDecider.decide(spec.restart(), facts, spec.cronRestart() != null && !spec.autostart())) {
      case RestartDecider.Done done -> transition(Edge.EXITED_DONE, done.reason());
      case RestartDecider.GiveUp giveUp -> {
        unstableRestarts = giveUp.unstableRestarts();
        transition(Edge.EXITED_CRASH_LOOP, giveUp.reason());
      }
      case RestartDecider.Restart restart -> {
        unstableRestarts = restart.unstableRestarts();
        backoffMs = restart.backoffMs();
        if (restart.delayMs() == 0) {
          autoRestart();
        } else {
          transition(Edge.EXITED_BACKOFF, "exited with " + exit.describe() + "; restarting in " + restart.delayMs() + " ms");
          scheduleRestart(restart.delayMs());
        }
      }
    }
  }

  private void scheduleRestart(long delayMs) {
    long scheduledIn = generation;
    pendingRestart = context.timer().schedule(
        () -> context.exits().execute(() -> restartAfterDelay(scheduledIn)), delayMs, TimeUnit.MILLISECONDS);
  }

  private void restartAfterDelay(long scheduledIn) {
    try {
      synchronized (this) {
        if (scheduledIn != generation || status != ProcessStatus.WAITING_RESTART) return;
        pendingRestart = null;
        autoRestart();
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, id + ": delayed restart failed", e);
    }
  }

  private void autoRestart() {
    remember("exited with " + new ExitStatus(lastExitCode, lastSignal).describe());
    restarts++;
    launch(Edge.AUTO_RESTART);
  }

  private void cancelPendingRestart() {
    generation++;
    if (pendingRestart != null) pendingRestart.cancel(false);
    pendingRestart = null;
  }

  /**
   * Launches with the current spec; a failure becomes an errored instance with the reason. Holds the monitor. The
   * process starts before anyone hears of the launch: the listeners (state file, schedules, log events) then run
   * beside the new process instead of between a crash and its replacement.
   */
  private void launch(Edge edge) {
    cancelPendingRestart();
    restartRequest = null; // whatever asked for a new process gets this one
    enter(edge, null);
    ProcessRecord launching = record;
    AppSpec current = spec;
    LogPaths paths = LogPaths.of(current.logs(), id.index(), context.jpmHome());
    int runPort = 0;
    RunLogs logs = null;
    try {
      runPort = current.balanced() ? context.ports().acquire() : 0;
      logs = context.logs().open(id, current.logs());
      ReadyLine watcher = current.traffic().readyPattern() == null ? null
          : new ReadyLine(java.util.regex.Pattern.compile(current.traffic().readyPattern()), context.changed());
      if (watcher != null) logs = logs.alsoStdoutTo(watcher);
      readyLine = watcher;
      NodePreload.Launch launch = nodeLaunch(current, ChildEnvironment.of(current, id.index(), context.daemonEnv(),
          runPort));
      if (current.runAs() != null) {
        RunAsLaunch runAs = RunAsLaunch.of(current.runAs());
        launch = runAs.wrap(launch);
        runAs.giveLogs(paths);
      }
      int listenFd = current.inheritsSocket() ? context.sockets().fdFor(current) : -1;
      LaunchRequest request = new LaunchRequest(id, launch.command(), Path.of(current.cwd()), launch.env(),
          logs.stdout(), logs.stderr(), listenFd, sessionOf(current));
      launchedEnvironment = launch.env();
      RunLogs owned = logs;
      logs = null; // the run owns them now, also when it fails to start
      ProcessRun started = ProcessRun.start(request, owned, paths.pid(), launch.link(), context.launcher(),
          context.exits(), this::onExit);
      int heldPort = runPort;
      if (heldPort > 0) started.exited().whenComplete((exit, failure) -> context.ports().release(heldPort));
      run = started;
      port = runPort;
      specHash = current.specHash();
      startedAtMs = context.clock().millis();
      context.logs().events().transitioned(launching);
      transition(Edge.LAUNCHED, null);
    } catch (java.io.IOException | RuntimeException e) {
      if (logs != null) logs.abandon();
      if (runPort > 0) context.ports().release(runPort);
      run = null;
      context.logs().events().transitioned(launching);
      transition(Edge.LAUNCH_FAILED, "launch failed: " + e.getMessage());
    }
  }

  /** A Node app starts with jpm's preload (and its channel); any other exactly as its spec says. */
  private NodePreload.Launch nodeLaunch(AppSpec current, Map<String, String> env) {
    if (!current.runsOnNode()) return new NodePreload.Launch(current.command(), env, Optional.empty());
    return context.node().prepare(current.command(), env, context.changed(), this::listeningOn);
  }

  /** The preload saw the app listen on {@code port}: the supervisor learns it for the app's front port. */
  private void listeningOn(int port) {
    context.listening().accept(id.app(), port);
  }

  /** Adds a restart to the bounded history, with the exit of the run it replaces. Holds the monitor. */
  private void remember(String cause) {
    if (history.size() == HISTORY) history.removeFirst();
    history.addLast(new RestartEvent(context.clock().millis(), cause, lastExitCode, lastSignal));
    historyView = List.copyOf(history);
  }

  /** The one way to change state: {@link #enter}, then tell the log events and the listeners. */
  private void transition(Edge edge, String why) {
    enter(edge, why);
    context.logs().events().transitioned(record);
    context.changed().run();
  }

  /** Checks the edge, publishes the record and wakes waiters; telling anyone else is the caller's part. */
  private void enter(Edge edge, String why) {
    if (!edge.allowedFrom(status))
      throw new IllegalStateException(id + ": edge " + edge + " not allowed from " + status.word());
    status = edge.to();
    reason = why;
    publish();
    notifyAll();
  }

  private void publish() {
    long pid = run != null ? run.pid() : 0;
    long pidStart = run != null ? run.startMs() : 0;
    record = new ProcessRecord(id, status, pid, pidStart, specHash, startedAtMs, restarts, unstableRestarts,
        lastExitCode, lastSignal, reason, restartRequest,
        run != null ? port : 0, pmId);
  }

  /**
   * PM2's split (decision 0038): a fork app is spawned detached, in a session of its own, so with autogroups it gets a
   * CPU share of its own; a cluster app's instances are workers in the daemon's session and share one, so that two
   * instances do not hold two shares against the rest of the machine (a load generator on the same cores included).
   */
  private static ChildSpec.Session sessionOf(AppSpec spec) {
    return spec.execMode() == ExecMode.CLUSTER ? ChildSpec.Session.PARENTS : ChildSpec.Session.OWN;
  }
}
