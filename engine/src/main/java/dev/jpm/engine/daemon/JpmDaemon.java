package dev.jpm.engine.daemon;

import dev.jpm.engine.config.ConfigReader;
import dev.jpm.engine.config.DaemonSettings;
import dev.jpm.engine.gitops.GitOpsSources;
import dev.jpm.engine.gitops.RevisionCache;
import dev.jpm.engine.gitops.RevisionMoves;
import dev.jpm.engine.git.RevisionProbe;
import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.metrics.PrometheusEndpoint;
import dev.jpm.engine.metrics.MemoryGuard;
import dev.jpm.engine.metrics.MetricsSampler;
import dev.jpm.engine.logs.LogRouter;
import dev.jpm.engine.model.LogRotation;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.schedule.Schedules;
import dev.jpm.engine.supervise.ChildEnvironment;
import dev.jpm.engine.reconcile.TrafficRouter;
import dev.jpm.engine.supervise.OsProcessLauncher;
import dev.jpm.engine.supervise.Supervisor;
import dev.jpm.engine.os.SystemdNotify;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The daemon's entry point and composition root: one per {@code JPM_HOME}, guarded by a file lock. Restores the
 * saved table (no app duplicated, no orphan from a killed predecessor), then serves requests until {@code jpm
 * kill}.
 */
public final class JpmDaemon {

  private static final System.Logger LOG = System.getLogger(JpmDaemon.class.getName());

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  /** {@code jpm kill} stopped the daemon: its shutdown hook has nothing left to do. */
  private final AtomicBoolean stoppedByRequest = new AtomicBoolean();
  /** The request that ended the daemon was {@code jpm update}. */
  private final AtomicBoolean handingOver = new AtomicBoolean();

  /**
   * @param args none (a daemon started on demand), {@code --foreground} ({@code jpm daemon --foreground}: the same,
   *     under a service manager), or {@code run FILE [--env P] [--raw]} ({@code jpm run}, see {@link ForegroundRun})
   */
  public static void main(String[] args) throws Exception {
    ForegroundRun.Options run = null;
    if (args.length > 0 && args[0].equals("run")) {
      try {
        run = ForegroundRun.Options.parse(List.of(args).subList(1, args.length), Path.of("").toAbsolutePath());
      } catch (IllegalArgumentException usage) {
        System.err.println("jpm run: " + usage.getMessage());
        System.exit(2);
      }
    }
    JpmHome home = JpmHome.fromEnvironment(System.getenv());
    DesiredState toRun = null;
    if (run != null) {
      toRun = ForegroundRun.load(run, home.dir(), System.getenv(), System.err).orElse(null);
      if (toRun == null) System.exit(ForegroundRun.EXIT_INVALID);
    }
    StartUpWarmUp.start();
    if (home.socketProblem() != null) {
      System.err.println("jpm daemon: " + home.socketProblem());
      System.exit(2);
    }
    home.ensurePrivate();
    try (FileChannel lockChannel = FileChannel.open(home.lockFile(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock lock = lockChannel.tryLock();
      if (lock == null) {
        System.err.println("jpm daemon: another daemon already serves " + home.dir());
        return;
      }
      int exit = new JpmDaemon().run(home, run, toRun, lock);
      // Quartz, JNA and pump threads must not keep a stopped daemon alive.
      System.exit(exit);
    }
  }

  private int run(JpmHome home, ForegroundRun.Options foreground, DesiredState toRun, FileLock lock)
      throws IOException, InterruptedException {
    Thread.setDefaultUncaughtExceptionHandler(JpmDaemon::uncaught);
    Clock clock = Clock.systemUTC();
    if (!Files.isDirectory(home.logs())) Files.createDirectories(home.logs(), dev.jpm.engine.logs.OwnerOnly.FOLDER);
    int cpus = Runtime.getRuntime().availableProcessors();
    ConfigReader config = new IsolatedConfig(home.dir(), cpus, IsolatedConfig.idle());
    // Most daemons have no settings file; they load the config stack only for GitOps sources.
    boolean hasSettings = Files.exists(home.dir().resolve(DaemonSettings.FILE_NAME));
    LogRouter logs = new LogRouter(home.dir(), clock, ZoneId.systemDefault(),
        hasSettings ? defaultRotation(config) : LogRotation.NONE);
    OsProcessLauncher launcher = new OsProcessLauncher(home.pipes());
    Supervisor supervisor = new Supervisor(launcher, clock, home.dir(), logs);
    StateStore store = new StateStore(home.state());
    boolean tableExisted = Files.exists(home.state());
    ObservedState saved = store.load().orElse(ObservedState.EMPTY);
    Persister persister = new Persister(store, supervisor::observe);
    supervisor.onChange(state -> persister.changed());
    restore(supervisor, saved);

    var reconcilerOnceBuilt = new java.util.concurrent.atomic.AtomicReference<Reconciler>();
    TrafficRouter router = Traffic.start(supervisor, clock, reconcilerOnceBuilt::get,
        () -> HandOver.predecessorServing(home));
    Reconciler reconciler = new Reconciler(supervisor, router);
    reconcilerOnceBuilt.set(reconciler);
    DaemonSettings.Loaded settings = hasSettings ? config.daemonSettings() : DaemonSettings.Loaded.NONE;
    settings.problems().forEach(problem -> LOG.log(Level.WARNING, "settings ignored: " + problem.render()));
    MetricsSampler sampler = MetricsSampler.ofOs(supervisor::observe, clock);
    // A memory limit takes the one restart path: recorded as a fact, then the reconciler replaces the instance.
    sampler.onSample(new MemoryGuard((id, cause) -> reconciler.restartInstance(id, cause, line -> {}))::check);
    sampler.start(settings.settings().sampleInterval());
    PrometheusEndpoint endpoint = new PrometheusEndpoint(supervisor::observe, sampler::snapshot, logs::stats, clock);
    endpoint.configure(settings.settings().metricsEndpoint()).ifPresent(problem -> LOG.log(Level.WARNING, problem));
    Schedules schedules = new Schedules(reconciler, home.dir(), Schedules.watchInterval(System.getenv()), clock);
    supervisor.onChange(schedules::sync);
    schedules.sync(supervisor.observe()); // the restored table's crons and watches
    Views views = new Views(logs, clock, schedules, sampler::snapshot, supervisor::restartHistory,
        router);
    GitOpsSources gitops = gitops(home, config, reconciler, supervisor, schedules, clock);
    RequestHandler handler = new RequestHandler(supervisor, reconciler,
        persister, views, git(supervisor, reconciler, gitops, views, clock), endpoint, clock, logs,
        new DumpStore(home.dir()));
    ControlServer server = new ControlServer(home.socket(), handler, Files.getOwner(home.dir()), ending -> {
      handingOver.set(ending instanceof Request.Update);
      stopRequested.countDown();
    });
    server.start();
    SystemdNotify notify = SystemdNotify.fromEnvironment(System.getenv());
    // SIGTERM or SIGINT (a service manager stopping jpm, Ctrl-C of `jpm daemon --foreground`): the table is saved as it
    // is, apps online, then every app is stopped with its own stop signal and timeout, so the next daemon (the next
    // boot) starts them again and none is left to the service manager's SIGKILL. After `jpm kill` nothing is left.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (stoppedByRequest.get()) return;
      logIfFailed(notify.send("STOPPING=1"));
      closeQuietly(server);
      persister.changed();
      persister.close();
      sampler.close();
      schedules.close();
      supervisor.stopAll();
      endWatching(launcher);
      // Not through the logger: the JDK's own shutdown hook may have closed its handlers by now.
      System.err.println("jpm daemon stopped by a signal; its apps stopped and stay in the table for the next start");
    }, "jpm-shutdown"));
    Files.writeString(home.daemonPid(), ProcessHandle.current().pid() + "\n");
    LOG.log(Level.INFO, "jpm daemon " + ProcessHandle.current().pid() + " serving " + home.socket());
    handler.resurrectIntoNewHome(tableExisted);
    logIfFailed(notify.send("READY=1"));
    AtomicInteger exit = new AtomicInteger();
    if (foreground != null) {
      new ForegroundRun(foreground, supervisor, reconciler, logs.bus(), System.out, System.err)
          .start(toRun, code -> {
            exit.set(code);
            stopRequested.countDown();
          });
    }

    stopRequested.await();
    stoppedByRequest.set(true);
    server.close();
    sampler.close();
    endpoint.close();
    persister.changed();
    persister.close();
    gitops.close();
    schedules.close();
    supervisor.close();
    if (handingOver.get()) {
      // Under jpm startup's unit the successor must be the unit's: started here, named its main process.
      String successorLauncher = notify.active() && foreground == null ? System.getenv(LAUNCHER_VARIABLE) : null;
      handOver(home, launcher, lock, router, successor -> logIfFailed(notify.send("MAINPID=" + successor)),
          successorLauncher);
      return exit.get();
    }
    endWatching(launcher);
    Files.deleteIfExists(home.daemonPid());
    LOG.log(Level.INFO, "jpm daemon stopped");
    return exit.get();
  }

  /**
   * Ends the event loop once every app is stopped. Its thread waits in {@code epoll_wait}, native code, and the JVM's
   * exit waits for such threads to block, in 10 ms steps up to 300 ms: every {@code jpm kill} paid those 300 ms
   * (decision 0036).
   */
  private static void endWatching(OsProcessLauncher launcher) {
    try {
      if (!launcher.stopWatching(java.time.Duration.ofSeconds(1)))
        LOG.log(Level.WARNING, "the event loop did not stop within 1 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A thread that dies of an Error (its work is gone: the metrics, a schedule, a timer) would leave a daemon that
   * answers but no longer does its job; it ends instead, without stopping the apps, and the next command's daemon
   * adopts them. A RuntimeException is logged: the threads that must not die catch their own.
   */
  private static void uncaught(Thread thread, Throwable failure) {
    LOG.log(Level.ERROR, "thread " + thread.getName() + " died", failure);
    if (failure instanceof Error) {
      System.err.println("jpm daemon: " + failure + " in thread " + thread.getName() + "; exiting, apps left running "
          + "for the next daemon to adopt");
      Runtime.getRuntime().halt(70);
    }
  }

  /**
   * {@code jpm update}: the apps, their pipes and the home go to the successor; the front ports once it serves. With
   * {@code successorLauncher} (under a service manager) this daemon starts the successor and hands {@code mainPid}
   * its pid; otherwise the command that asked starts it.
   */
  private static void handOver(JpmHome home, OsProcessLauncher launcher, FileLock lock, TrafficRouter router,
      java.util.function.LongConsumer mainPid, String successorLauncher) throws IOException, InterruptedException {
    if (!launcher.stopWatching(java.time.Duration.ofSeconds(5)))
      LOG.log(Level.WARNING, "the event loop did not stop within 5 s; handing over anyway");
    HandOver handOver = new HandOver(home);
    handOver.leaveHome(successorLauncher != null);
    lock.release();
    if (successorLauncher != null) {
      try {
        Process successor = HandOver.startSuccessor(home, successorLauncher);
        mainPid.accept(successor.pid());
        LOG.log(Level.INFO, "started the successor daemon " + successor.pid() + " as the unit's main process");
      } catch (IOException e) {
        // Let the next command start one instead: better a daemon outside the unit than none.
        LOG.log(Level.ERROR, "could not start the successor with " + successorLauncher + ": " + e);
        handOver.leaveHome(false);
      }
    }
    LOG.log(Level.INFO, "jpm daemon handed the home over; serving the front ports until the successor does");
    handOver.serveUntilSucceeded(router.balancer());
    LOG.log(Level.INFO, "jpm daemon stopped after the hand-over");
  }

  /** The GitOps sources, restored from {@code JPM_HOME/gitops.json}; clones live in {@code JPM_HOME/gitops}. */
  private static GitOpsSources gitops(JpmHome home, ConfigReader config, Reconciler reconciler,
      Supervisor supervisor, Schedules schedules, Clock clock) {
    GitOpsStore store = new GitOpsStore(home.dir().resolve("gitops.json"));
    GitOpsSources sources = new GitOpsSources(home.dir().resolve("gitops"), config, reconciler, schedules.polls("gitops"), clock,
        store::save, supervisor::observe);
    sources.restore(store.load());
    return sources;
  }

  private static GitVerbs git(Supervisor supervisor, Reconciler reconciler, GitOpsSources gitops, Views views,
      Clock clock) {
    RevisionCache revisions = new RevisionCache(new RevisionProbe(clock), clock);
    Map<String, String> daemonEnv = System.getenv();
    // A new revision restarts through the reconciler's one restart path, so it rolls like any other restart.
    Supplier<RevisionMoves> moves = () -> new RevisionMoves(
        (app, cause, progress) -> reconciler.restart(app, cause, progress).failures(), revisions,
        spec -> ChildEnvironment.of(spec, 0, daemonEnv));
    return new GitVerbs(supervisor, revisions, moves, gitops, views);
  }

  /** The log_rotate section of settings.yaml; a mistake there is logged and leaves rotation off. */
  private static LogRotation defaultRotation(ConfigReader config) {
    var settings = config.logRotateSettings();
    settings.problems().forEach(problem -> LOG.log(Level.WARNING, problem + " (log rotation stays off)"));
    return settings.rotation();
  }

  /** Set by the {@code jpm} launcher: the path of the launcher itself, which starts a successor after an upgrade. */
  static final String LAUNCHER_VARIABLE = "JPM_LAUNCHER";

  private static void logIfFailed(String notifyProblem) {
    if (notifyProblem != null) LOG.log(Level.WARNING, "could not notify the service manager: " + notifyProblem);
  }

  private static void closeQuietly(ControlServer server) {
    try {
      server.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not remove the socket: " + e);
    }
  }

  /** Also with an empty table: a daemon killed before its first save may have left processes only pid files name. */
  private static void restore(Supervisor supervisor, ObservedState saved) {
    supervisor.restore(saved);
    if (!saved.apps().isEmpty()) LOG.log(Level.INFO, "restored " + saved.apps().size() + " apps from the saved table");
  }
}
