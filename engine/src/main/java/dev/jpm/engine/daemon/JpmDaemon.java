package dev.jpm.engine.daemon;

import dev.jpm.engine.config.AppSpecs;
import dev.jpm.engine.config.EcosystemLoader;
import dev.jpm.engine.config.LogRotateSettings;
import dev.jpm.engine.logs.LogRouter;
import dev.jpm.engine.model.LogRotation;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.protocol.JpmHome;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.OsProcessLauncher;
import dev.jpm.engine.supervise.Supervisor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The daemon's entry point and composition root: one per {@code JPM_HOME}, guarded by a file lock. Restores the
 * saved table (no app duplicated, no orphan from a killed predecessor), then serves requests until {@code jpm
 * kill}.
 */
public final class JpmDaemon {

  private static final System.Logger LOG = System.getLogger(JpmDaemon.class.getName());

  private final CountDownLatch stopRequested = new CountDownLatch(1);

  public static void main(String[] args) throws Exception {
    JpmHome home = JpmHome.fromEnvironment(System.getenv());
    home.ensurePrivate();
    try (FileChannel lockChannel = FileChannel.open(home.lockFile(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock lock = lockChannel.tryLock();
      if (lock == null) {
        System.err.println("jpm daemon: another daemon already serves " + home.dir());
        return;
      }
      new JpmDaemon().run(home);
    }
    // Quartz, JNA and pump threads must not keep a stopped daemon alive.
    System.exit(0);
  }

  private void run(JpmHome home) throws IOException, InterruptedException {
    Clock clock = Clock.systemUTC();
    Files.createDirectories(home.logs());
    LogRouter logs = new LogRouter(home.dir(), clock, ZoneId.systemDefault(), defaultRotation(home));
    Supervisor supervisor = new Supervisor(new OsProcessLauncher(), clock, home.dir(), logs);
    StateStore store = new StateStore(home.state());
    ObservedState saved = store.load().orElse(ObservedState.EMPTY);
    Persister persister = new Persister(store, supervisor::observe);
    supervisor.onChange(persister::changed);
    restore(supervisor, saved);

    int cpus = Runtime.getRuntime().availableProcessors();
    Reconciler reconciler = new Reconciler(supervisor);
    RequestHandler handler = new RequestHandler(new EcosystemLoader(home.dir(), cpus), new AppSpecs(home.dir(), cpus),
        supervisor, reconciler, persister, new Views(logs, clock), clock, logs);
    ControlServer server = new ControlServer(home.socket(), handler, Files.getOwner(home.dir()),
        stopRequested::countDown);
    server.start();
    // SIGTERM (e.g. a service manager stopping jpm): leave no socket behind and the table saved.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      closeQuietly(server);
      persister.changed();
      persister.close();
    }, "jpm-shutdown"));
    Files.writeString(home.dir().resolve("daemon.pid"), ProcessHandle.current().pid() + "\n");
    LOG.log(Level.INFO, "jpm daemon " + ProcessHandle.current().pid() + " serving " + home.socket());

    stopRequested.await();
    server.close();
    persister.changed();
    persister.close();
    supervisor.close();
    Files.deleteIfExists(home.dir().resolve("daemon.pid"));
    LOG.log(Level.INFO, "jpm daemon stopped");
  }

  /** The log_rotate section of settings.yaml; a mistake there is logged and leaves rotation off. */
  private static LogRotation defaultRotation(JpmHome home) {
    LogRotateSettings settings = LogRotateSettings.read(home.dir().resolve("settings.yaml"));
    settings.problems().forEach(problem -> LOG.log(Level.WARNING, problem + " (log rotation stays off)"));
    return settings.rotation();
  }

  private static void closeQuietly(ControlServer server) {
    try {
      server.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not remove the socket: " + e);
    }
  }

  private static void restore(Supervisor supervisor, ObservedState saved) {
    if (saved.apps().isEmpty()) return;
    List<ObservedApp> apps = List.copyOf(saved.apps().values());
    supervisor.restore(apps.stream().map(ObservedApp::applied).toList(),
        apps.stream().flatMap(app -> app.instances().stream()).toList());
    LOG.log(Level.INFO, "restored " + apps.size() + " apps from the saved table");
  }
}
