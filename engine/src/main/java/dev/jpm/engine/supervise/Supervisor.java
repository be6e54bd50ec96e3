package dev.jpm.engine.supervise;

import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.logs.LogPaths;
import dev.jpm.engine.logs.LogRouter;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.RestartEvent;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.os.Liveness;
import dev.jpm.engine.os.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The only mutator of the process table: registers apps, starts, restarts and stops their instances, applies the
 * restart policy when a process exits, and restores the table after a daemon crash.
 *
 * <p>Thread-safe. The table (which apps and instances exist) is guarded by this object's monitor, held only for
 * short reads and updates. Each instance guards its own state (see {@link ManagedProcess}), so a long stop of one
 * instance never blocks another or {@link #observe()}. Blocking calls ({@link #stop}, {@link #restart}...) block
 * the caller only. Listeners run one at a time on a dedicated thread, after the change, so a slow listener
 * (persisting state) never delays process handling.
 */
public final class Supervisor implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Supervisor.class.getName());
  private static final long SMALL_STACK = 256 * 1024;

  private final SupervisionContext context;
  private final ExecutorService events;
  /** A notification is queued and has not started: later changes ride on it (the listeners read the state then). */
  private final AtomicBoolean notificationQueued = new AtomicBoolean();
  private final List<Consumer<ObservedState>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  // Guarded by this.
  private final Map<String, AppSpec> specs = new TreeMap<>();
  private final Map<InstanceId, ManagedProcess> instances = new TreeMap<>();
  /** Replacements being readied beside the instance they will replace (rolling reload with surge). */
  private final Map<InstanceId, ManagedProcess> surges = new TreeMap<>();
  /**
   * Old processes whose replacement took their place while they stop in the background (instances that inherit one
   * socket: {@link #promoteSurgeRetiringOld}); saved with the surges, so a daemon that dies meanwhile ends them.
   */
  private final List<ManagedProcess> retiring = new ArrayList<>();
  private final PmIds pmIds = new PmIds();
  /** The ports apps that {@link AppSpec#learnsPort() learn their port} were seen listening on, by app. */
  private final Map<String, Integer> learnedPorts = new HashMap<>();

  public Supervisor(ProcessLauncher launcher, Clock clock, Path jpmHome) {
    this(launcher, clock, jpmHome, new LogRouter(jpmHome, clock));
  }

  /** A supervisor whose instances write their output through {@code logs}. */
  public Supervisor(ProcessLauncher launcher, Clock clock, Path jpmHome, LogRouter logs) {
    this.events = Executors.newSingleThreadExecutor(threads("jpm-supervise-events"));
    this.context = new SupervisionContext(launcher, clock, jpmHome, Map.copyOf(System.getenv()),
        Executors.newSingleThreadScheduledExecutor(threads("jpm-supervise-timer")),
        Executors.newCachedThreadPool(threads("jpm-supervise-exit")),
        this::announceChange, this::learnPort, new PrivatePorts(PrivatePorts.FIRST, PrivatePorts.LAST), logs,
        new NodePreload(jpmHome), new SharedSockets());
  }

  /**
   * Calls {@code listener} with the table after every state change, on the supervisor's event thread. The listeners
   * of one notification share one snapshot: each taking its own made a 300-app apply build the table three times per
   * notification.
   */
  public void onChange(Consumer<ObservedState> listener) {
    listeners.add(listener);
  }

  /**
   * Adds an app or replaces its spec in place: running processes are untouched, the new restart and stop policy
   * apply from their next exit or stop, the new command, env and log paths from their next start. Creates stopped
   * instances for indexes {@code 0..instances-1} that do not exist yet.
   */
  public void register(AppSpec spec) {
    requireOpen();
    synchronized (this) {
      specs.put(spec.name(), spec);
      if (!spec.learnsPort()) learnedPorts.remove(spec.name());
      // An app that moves from the balancer keeps the front port's socket: its clients never meet a closed port.
      if (spec.inheritsSocket()) context.sockets().adoptFrontPort(spec);
      else context.sockets().release(spec.name());
      instances.values().stream().filter(m -> m.id().app().equals(spec.name())).forEach(m -> m.replaceSpec(spec));
      for (int index = 0; index < spec.instances(); index++) {
        InstanceId id = new InstanceId(spec.name(), index);
        instances.computeIfAbsent(id, key -> new ManagedProcess(key, pmIds.allocate(), spec, context));
      }
    }
    context.changed().run();
  }

  /** Starts the instance unless it runs; returns once launched (online) or failed (errored with the reason). */
  public ProcessRecord start(InstanceId id) {
    return instance(id).start();
  }

  /** PM2's {@code reset}: the instance's restart counters start over; its process is left alone. */
  public ProcessRecord resetCounters(InstanceId id) {
    return instance(id).resetCounters();
  }

  /** Sends signal {@code name} ({@code SIGUSR2}, {@code USR2} or a number) to the instance's process; false when none runs. */
  public boolean signal(InstanceId id, String name) {
    return instance(id).signal(Signals.parse(name));
  }

  /** The environment the instance's current (or last) process was started with; empty when it never ran. */
  public Map<String, String> launchedEnvironment(InstanceId id) {
    return instance(id).launchedEnvironment();
  }

  /** Stops the tree, starts again with the current spec, counts one restart; returns once the new one launched. */
  public ProcessRecord restart(InstanceId id) {
    return restart(id, "restart requested");
  }

  /** {@link #restart(InstanceId)}, with the cause its restart history shows (a memory limit, a cron...). */
  public ProcessRecord restart(InstanceId id, String cause) {
    return instance(id).restart(cause);
  }

  /** The instance's last restarts, oldest first, each with its cause and the exit of the run it replaced. */
  public List<RestartEvent> restartHistory(InstanceId id) {
    ManagedProcess instance;
    synchronized (this) {
      instance = instances.get(id);
    }
    return instance == null ? List.of() : instance.restartHistory(); // deleted meanwhile: nothing to show
  }

  /**
   * Records that every instance of {@code app} must be replaced for {@code cause} (a cron, a file change, a new
   * revision); touches no process. The reconciler replaces them (see {@code Reconciler.restart}).
   */
  public void requestRestart(String app, String cause) {
    List<ManagedProcess> ofApp;
    synchronized (this) {
      requireOpen();
      if (!specs.containsKey(app)) throw new IllegalArgumentException("unknown app " + app);
      ofApp = instances.values().stream().filter(m -> m.id().app().equals(app)).toList();
    }
    ofApp.forEach(m -> m.requestRestart(cause));
  }

  /** Records that one instance must be replaced for {@code cause} (a memory limit); touches no process. */
  public void requestRestart(InstanceId id, String cause) {
    instance(id).requestRestart(cause);
  }

  /** Stop signal, kill_timeout, SIGKILL, on the whole tree; returns when every process of it is gone. */
  public ProcessRecord stop(InstanceId id) {
    return instance(id).stop();
  }

  /** Stops the instance and forgets it (scale down); the app stays registered, {@link #delete} forgets it. */
  public void remove(InstanceId id) {
    instance(id).stop();
    synchronized (this) {
      instances.remove(id);
    }
    context.changed().run();
  }

  /** Stops every instance of {@code app}, in parallel, and forgets the app. */
  public void delete(String app) {
    requireOpen();
    List<ManagedProcess> ofApp;
    synchronized (this) {
      ofApp = instances.values().stream().filter(m -> m.id().app().equals(app)).toList();
    }
    inParallel(ofApp, ManagedProcess::stop);
    synchronized (this) {
      ofApp.forEach(m -> instances.remove(m.id()));
      specs.remove(app);
      learnedPorts.remove(app);
      context.sockets().release(app);
      if (specs.isEmpty()) pmIds.reset();
    }
    context.changed().run();
  }

  /**
   * Starts a second process for {@code id}, from the app's current spec, beside the one that runs (the surge of a
   * rolling reload). It is supervised like any instance (restarted when it crashes) but is not in {@link #observe()}
   * until {@link #promoteSurge} puts it in the instance's place; {@link #discardSurge} stops it instead.
   */
  public ProcessRecord startSurge(InstanceId id) {
    ManagedProcess surge;
    synchronized (this) {
      instance(id);
      if (surges.containsKey(id)) throw new IllegalStateException("a replacement of " + id + " is already running");
      surge = new ManagedProcess(id, instance(id).pmId(), specs.get(id.app()), context);
      surges.put(id, surge);
    }
    return surge.start();
  }

  /** The records of surges not yet promoted or discarded. */
  public synchronized List<ProcessRecord> surges() {
    return surges.values().stream().map(ManagedProcess::record).toList();
  }

  /** The surge's current record, or null when {@code id} has none. */
  public synchronized ProcessRecord surge(InstanceId id) {
    ManagedProcess surge = surges.get(id);
    return surge == null ? null : surge.record();
  }

  /** Whether process {@code pid} of {@code id} (the instance's or its surge's) printed its app's ready_pattern. */
  public boolean saidReady(InstanceId id, long pid) {
    return eitherRun(id, process -> process.saidReady(pid));
  }

  /** Whether process {@code pid} of {@code id} (the instance's or its surge's) called {@code process.send('ready')}. */
  public boolean sentReady(InstanceId id, long pid) {
    return eitherRun(id, process -> process.sentReady(pid));
  }

  /**
   * Whether process {@code pid} of {@code id} (the instance's or its surge's) listens on its app's port, as its Node
   * preload reported; true when jpm cannot tell (not Node, no channel, adopted).
   */
  public boolean listened(InstanceId id, long pid) {
    return eitherRun(id, process -> process.listened(pid));
  }

  /** Whether {@code test} holds for the instance {@code id} or its surge (read under the monitor, tested outside). */
  private boolean eitherRun(InstanceId id, java.util.function.Predicate<ManagedProcess> test) {
    ManagedProcess instance;
    ManagedProcess surge;
    synchronized (this) {
      instance = instances.get(id);
      surge = surges.get(id);
    }
    return (instance != null && test.test(instance)) || (surge != null && test.test(surge));
  }

  /** Stops the surge of {@code id} (its whole tree) and forgets it; the instance keeps its process. */
  public ProcessRecord discardSurge(InstanceId id) {
    ManagedProcess surge;
    synchronized (this) {
      surge = surges.get(id);
    }
    if (surge == null) throw new IllegalArgumentException("no replacement of " + id + " is running");
    ProcessRecord stopped = surge.stop();
    synchronized (this) {
      surges.remove(id);
    }
    return stopped;
  }

  /**
   * Stops the instance's current process (stop signal, kill_timeout, SIGKILL) and puts its surge in its place,
   * counting one restart. The caller has already taken the old process out of traffic.
   */
  public ProcessRecord promoteSurge(InstanceId id) {
    ManagedProcess old = instance(id);
    ManagedProcess surge;
    synchronized (this) {
      surge = surges.get(id);
    }
    if (surge == null) throw new IllegalArgumentException("no replacement of " + id + " is running");
    ProcessRecord previous = old.stop();
    synchronized (this) {
      surges.remove(id);
      if (instances.get(id) == old) instances.put(id, surge);
    }
    surge.succeed(previous);
    return surge.record();
  }

  /**
   * Puts the surge of {@code id} in the instance's place at once and stops the old process in the background, for
   * instances that inherit one listening socket: the replacement accepts from it already, so the old process's own
   * graceful stop need not hold up the next replacement. Counts one restart, as {@link #promoteSurge}. The future
   * completes with the old process's last record once it has stopped.
   */
  public CompletableFuture<ProcessRecord> promoteSurgeRetiringOld(InstanceId id) {
    ManagedProcess old = instance(id);
    ManagedProcess surge;
    synchronized (this) {
      surge = surges.remove(id);
      if (surge == null) throw new IllegalArgumentException("no replacement of " + id + " is running");
      if (instances.get(id) == old) instances.put(id, surge);
      retiring.add(old);
    }
    surge.succeed(old.record());
    CompletableFuture<ProcessRecord> stopped = new CompletableFuture<>();
    Thread.ofVirtual().name("jpm-retire-" + id).start(() -> {
      try {
        stopped.complete(old.stop());
      } catch (RuntimeException e) {
        stopped.completeExceptionally(e);
      } finally {
        synchronized (this) {
          retiring.remove(old);
        }
        context.changed().run();
      }
    });
    return stopped;
  }

  /**
   * An instance of {@code app} listens on {@code port} (its preload said so): for an app that learns its port, that
   * port becomes the app's front port, announced to the listeners like any change of the table.
   */
  private void learnPort(String app, int port) {
    synchronized (this) {
      AppSpec spec = specs.get(app);
      if (spec == null || !spec.learnsPort() || Integer.valueOf(port).equals(learnedPorts.get(app))) return;
      learnedPorts.put(app, port);
    }
    LOG.log(System.Logger.Level.INFO, app + " listens on port " + port + ": its instances are balanced there");
    context.changed().run();
  }

  /** The port {@code app}'s instances were seen listening on, when it learns its port and one did. */
  public synchronized Optional<Integer> learnedPort(String app) {
    return Optional.ofNullable(learnedPorts.get(app));
  }

  /** A snapshot of the table: every app with its applied spec and its instances' records. */
  public synchronized ObservedState observe() {
    Map<String, List<ProcessRecord>> records = new HashMap<>();
    instances.values().forEach(m -> records.computeIfAbsent(m.id().app(), a -> new ArrayList<>()).add(m.record()));
    Map<String, List<ProcessRecord>> surgeRecords = new HashMap<>();
    Stream.concat(surges.values().stream(), retiring.stream())
        .forEach(m -> surgeRecords.computeIfAbsent(m.id().app(), a -> new ArrayList<>()).add(m.record()));
    Map<String, ObservedApp> apps = new LinkedHashMap<>();
    specs.forEach((name, spec) -> apps.put(name, new ObservedApp(spec, records.getOrDefault(name, List.of()),
        surgeRecords.getOrDefault(name, List.of()), learnedPorts.get(name))));
    return new ObservedState(apps, pmIds.next());
  }

  /** Returns once the instance was online for min_uptime, or is stopped or errored, or {@code timeout} passed. */
  public ProcessRecord awaitSettled(InstanceId id, Duration timeout) {
    try {
      return instance(id).awaitSettled(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return instance(id).record();
    }
  }

  /**
   * Rebuilds the table after the previous daemon died. An instance recorded online whose process still runs (same
   * pid, same start time) is adopted: its pipes are read on into the same files, its counters kept, nothing
   * restarts. Every other tree the dead daemon left is stopped: the replacements of a rolling reload it was running,
   * runs it had launched but not yet saved (found by their pid files), instances it was launching or stopping, and
   * any whose adoption fails. Then the saved specs are registered and the instances recorded as active and not
   * adopted are started again with their counters; the others are restored as recorded. A recorded pid is only
   * touched when its start time matches, so a recycled pid is safe. Each decision that is not the obvious one goes
   * to the daemon's log with its reason.
   */
  public void restore(ObservedState saved) {
    requireOpen();
    JpmHome home = new JpmHome(context.jpmHome());
    Path pidFolder = home.pids();
    // A new home has neither a table nor pid files: its daemon loads none of what follows.
    if (saved.apps().isEmpty() && !Files.isDirectory(pidFolder)) return;
    List<AppSpec> savedSpecs = saved.apps().values().stream().map(ObservedApp::applied).toList();
    List<ProcessRecord> records = saved.apps().values().stream().flatMap(app -> app.instances().stream()).toList();
    Map<String, StopPolicy> stopPolicies = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    savedSpecs.forEach(spec -> {
      stopPolicies.put(spec.name(), spec.stop());
      counts.put(spec.name(), spec.instances());
    });
    List<CompletableFuture<StopSequence.Outcome>> stops = new ArrayList<>();
    Map<InstanceId, ProcessTree> adoptable = new HashMap<>();
    List<ProcessRecord> leftOver = new ArrayList<>();
    Set<Long> savedPids = new HashSet<>();
    List<ProcessRecord> surges = saved.apps().values().stream().flatMap(app -> app.surges().stream()).toList();
    for (ProcessRecord record : concat(records, surges)) {
      if (record.pid() > 0) savedPids.add(record.pid());
      ProcessTree tree = ProcessTree.of(record.pid(), record.pidStartMs());
      boolean surge = surges.contains(record);
      // A zombie root (it exited, PID 1 has not reaped it yet) is nothing to adopt; what is left of its tree goes.
      boolean rootRuns = tree.owned() && Liveness.isRunning(record.pid());
      int instances = counts.getOrDefault(record.id().app(), 0);
      if (!surge && record.id().index() >= instances) leftOver.add(record);
      switch (Takeover.decide(record, surge, instances, rootRuns)) {
        case Takeover.Adopt adopt -> adoptable.put(record.id(), tree);
        case Takeover.Stop stop -> {
          LOG.log(System.Logger.Level.INFO, record.id() + ": not adopted, stopped: " + stop.why());
          stops.add(stopOrphan(tree, stopPolicies.get(record.id().app())));
        }
        case Takeover.Gone gone -> {
          if (tree.owned()) stops.add(stopOrphan(tree, stopPolicies.get(record.id().app())));
          if (leftOver.contains(record)) {
            LOG.log(System.Logger.Level.INFO, record.id() + ": forgotten: " + gone.why());
          } else if (gone.why() != null && !surge) {
            LOG.log(System.Logger.Level.WARNING, record.id() + ": not adopted, started again: " + gone.why());
          }
        }
      }
    }
    Map<Path, String> pidFiles = pidFiles(saved);
    Map<Path, ProcessTree> unsaved = UnsavedRuns.find(pidFiles.keySet(), pidFolder, savedPids);
    unsaved.forEach((file, orphan) -> {
      LOG.log(System.Logger.Level.INFO, "pid " + orphan.pid() + " (" + file + "): launched but never saved; stopped");
      stops.add(stopOrphan(orphan, stopPolicies.get(pidFiles.get(file))));
    });
    Set<Long> adoptedPids = new HashSet<>();
    records.stream().filter(r -> adoptable.containsKey(r.id())).forEach(r -> adoptedPids.add(r.pid()));
    Set<Long> known = new HashSet<>(savedPids);
    unsaved.values().forEach(tree -> known.add(tree.pid()));
    StrayWriters.find(home.pipes(), pipesOf(home.pipes(), adoptedPids), known).forEach((pid, start) -> {
      LOG.log(System.Logger.Level.INFO, "pid " + pid + " writes into a pipe of this home but is no instance the "
          + "table knows (launched just before the daemon died); stopped");
      stops.add(stopOrphan(ProcessTree.of(pid, start), null));
    });
    CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    unsaved.keySet().forEach(Supervisor::deleteQuietly);
    records = records.stream().filter(record -> !leftOver.contains(record)).toList();
    StalePipes.remove(home.pipes(), adoptedPids);
    List<ManagedProcess> restored = new ArrayList<>();
    synchronized (this) {
      // The saved instances, with their pm_ids (numbered now when the table predates them).
      pmIds.continueFrom(saved.nextPmId());
      savedSpecs.forEach(spec -> specs.putIfAbsent(spec.name(), spec));
      saved.apps().forEach((name, app) -> {
        if (app.learnedPort() != null && app.applied().learnsPort()) learnedPorts.putIfAbsent(name, app.learnedPort());
      });
      for (ProcessRecord record : records) {
        AppSpec spec = specs.get(record.id().app());
        int pmId = record.pmId() != null ? record.pmId() : pmIds.allocate();
        restored.add(instances.computeIfAbsent(record.id(), key -> new ManagedProcess(key, pmId, spec, context)));
      }
    }
    // Exactly the saved instances, not what each spec's count asks for: one deleted by hand (jpm delete 3) stays
    // deleted, as it was before the daemon died; apply starts it again where the file still asks for it.
    context.changed().run();
    for (int i = 0; i < restored.size(); i++) {
      ProcessRecord record = records.get(i);
      ProcessTree tree = adoptable.get(record.id());
      if (tree != null && adopt(restored.get(i), record, tree)) continue;
      restored.get(i).restore(record);
    }
  }

  /** Adopts the recorded run, or stops its tree when it cannot be adopted (then it is started again). */
  private boolean adopt(ManagedProcess instance, ProcessRecord record, ProcessTree tree) {
    String[] why = new String[1];
    if (instance.adopt(record, reason -> why[0] = reason)) {
      LOG.log(System.Logger.Level.INFO, record.id() + ": adopted pid " + record.pid() + " (restarts "
          + record.restarts() + ")");
      keepSharedSocket(record);
      return true;
    }
    LOG.log(System.Logger.Level.WARNING, record.id() + ": not adopted, restarted: " + why[0]);
    stopOrphan(tree, instance.stopPolicy()).join();
    return false;
  }

  /** An adopted instance of a socket-activated app: the daemon takes back the socket it inherited. */
  private void keepSharedSocket(ProcessRecord record) {
    AppSpec spec;
    synchronized (this) {
      spec = specs.get(record.id().app());
    }
    if (spec == null || !spec.inheritsSocket()) return;
    if (!context.sockets().adoptFrom(spec, record.pid()))
      LOG.log(System.Logger.Level.WARNING, record.id() + ": could not take the app's socket from pid " + record.pid()
          + "; the next launch binds port " + spec.port() + " anew");
  }

  /** The named pipes of {@code pids}, as the kernel names them (the real path of the folder). */
  private static Set<Path> pipesOf(Path folder, Set<Long> pids) {
    Path real;
    try {
      real = folder.toRealPath();
    } catch (java.io.IOException e) {
      return Set.of(); // no folder: no pipe to keep
    }
    Set<Path> pipes = new HashSet<>();
    pids.forEach(pid -> pipes.addAll(dev.jpm.engine.os.Children.pipesOf(real, pid)));
    return pipes;
  }

  private static List<ProcessRecord> concat(List<ProcessRecord> first, List<ProcessRecord> second) {
    List<ProcessRecord> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** Stops a tree the last daemon left, by its app's stop policy ({@code null}: PM2's defaults). */
  private CompletableFuture<StopSequence.Outcome> stopOrphan(ProcessTree orphan, StopPolicy policy) {
    StopPolicy stop = policy != null ? policy : StopPolicy.PM2_DEFAULTS;
    return StopSequence.start(orphan, Signals.number(stop.signal()), stop.killTimeoutMs(), context.timer());
  }

  /** The pid file of every instance the saved table knows or its spec asks for, with the app it belongs to. */
  private Map<Path, String> pidFiles(ObservedState saved) {
    Map<Path, String> files = new LinkedHashMap<>();
    for (ObservedApp app : saved.apps().values()) {
      AppSpec spec = app.applied();
      Set<Integer> indexes = new TreeSet<>();
      for (int index = 0; index < spec.instances(); index++) indexes.add(index);
      app.instances().forEach(record -> indexes.add(record.id().index()));
      for (int index : indexes) {
        LogPaths.of(spec.logs(), index, context.jpmHome()).pid().ifPresent(file -> files.put(file, spec.name()));
      }
    }
    return files;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete pid file " + file + ": " + e);
    }
  }

  /** Stops every instance and surge, in parallel; returns when all trees are gone (for {@code jpm kill}). */
  public void stopAll() {
    requireOpen();
    List<ManagedProcess> all = new ArrayList<>();
    synchronized (this) {
      all.addAll(instances.values());
      all.addAll(surges.values());
      all.addAll(retiring);
    }
    inParallel(all, ManagedProcess::stop);
  }

  /** Releases the supervisor's threads. Children keep running: the daemon decides whether to stop them first. */
  @Override
  public void close() {
    closed = true;
    context.timer().shutdownNow();
    context.exits().shutdownNow();
    context.node().close();
    context.sockets().close();
    events.shutdown();
  }

  private synchronized ManagedProcess instance(InstanceId id) {
    requireOpen();
    ManagedProcess instance = instances.get(id);
    if (instance == null) throw new IllegalArgumentException("unknown instance " + id);
    return instance;
  }

  private void requireOpen() {
    if (closed) throw new IllegalStateException("supervisor is closed");
  }

  /** Stops run concurrently: each mostly waits for its tree, and kill_timeouts must not add up. */
  private static void inParallel(List<ManagedProcess> targets, Consumer<ManagedProcess> action) {
    try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<?>[] all = targets.stream()
          .map(target -> CompletableFuture.runAsync(() -> action.accept(target), parallel))
          .toArray(CompletableFuture[]::new);
      CompletableFuture.allOf(all).join();
    }
  }

  /**
   * Hands the change to the event thread; after close() nobody listens any more. A burst of changes (fifty apps
   * starting, three transitions each) is coalesced into a few notifications: every listener reads the state as it
   * is when it runs, and a change made after a run began queues another.
   */
  private void announceChange() {
    if (!notificationQueued.compareAndSet(false, true)) return;
    try {
      events.execute(this::notifyListeners);
    } catch (RejectedExecutionException e) {
      LOG.log(System.Logger.Level.DEBUG, "change after close not announced");
    }
  }

  private void notifyListeners() {
    notificationQueued.set(false);
    if (listeners.isEmpty()) return;
    ObservedState state = observe();
    for (Consumer<ObservedState> listener : listeners) {
      try {
        listener.accept(state);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a supervisor listener failed", e);
      }
    }
  }

  private static ThreadFactory threads(String name) {
    return Thread.ofPlatform().name(name + "-", 0).daemon().stackSize(SMALL_STACK).factory();
  }
}
