package dev.jpm.engine.logs;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.LogRotation;
import dev.jpm.engine.model.LogSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The daemon's log pipeline: opens the files of each run (one {@link LogFile} per path, shared by every stream
 * that writes into it), counts per instance ({@link LogStats}), feeds the {@link LogBus}, and serves
 * {@code flush} and {@code reloadLogs}. Rotation follows the app's {@code log_rotate}, else the daemon-wide
 * default. Thread-safe; the table of open files is guarded by this object's monitor.
 */
public final class LogRouter {

  private static final System.Logger LOG = System.getLogger(LogRouter.class.getName());

  private final Path jpmHome;
  private final Clock clock;
  private final ZoneId zone;
  private final LogRotation defaultRotation;
  private final LogBus bus;
  private final LifecycleEvents events;
  /** Compression and pruning of rotated files, one at a time, off the writers' threads. */
  private final ExecutorService background = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("jpm-log-rotation").daemon().stackSize(256 * 1024).factory());
  private final Map<InstanceId, LogStats> stats = new ConcurrentHashMap<>();
  // Guarded by this.
  private final Map<Path, LogFile> open = new HashMap<>();

  public LogRouter(Path jpmHome, Clock clock, ZoneId zone, LogRotation defaultRotation) {
    this.jpmHome = jpmHome;
    this.clock = clock;
    this.zone = zone;
    this.defaultRotation = defaultRotation;
    this.bus = new LogBus(clock);
    this.events = new LifecycleEvents(bus);
  }

  /** No rotation by default, the system's time zone: for tests and tools. */
  public LogRouter(Path jpmHome, Clock clock) {
    this(jpmHome, clock, ZoneId.systemDefault(), LogRotation.NONE);
  }

  public LogBus bus() {
    return bus;
  }

  /** Where the supervisor reports each state change, to be published as a daemon event. */
  public LifecycleEvents events() {
    return events;
  }

  /** The counters of one instance (zero when it never wrote). */
  public LogStats.Counts stats(InstanceId id) {
    LogStats s = stats.get(id);
    return s == null ? LogStats.Counts.ZERO : s.counts();
  }

  /** The files of {@code id}'s instance under {@code spec}. */
  public LogPaths paths(InstanceId id, LogSpec spec) {
    return LogPaths.of(spec, id.index(), jpmHome);
  }

  /** Opens (creating folders) the files of one run of {@code id}; throws naming the file that cannot be opened. */
  public RunLogs open(InstanceId id, LogSpec spec) throws IOException {
    LogPaths paths = paths(id, spec);
    LogRotation rotation = spec.rotation() != null ? spec.rotation() : defaultRotation;
    List<LogFile> acquired = new ArrayList<>();
    try {
      Optional<LogFile> out = acquire(paths.out(), rotation, acquired);
      Optional<LogFile> err = acquire(paths.error(), rotation, acquired);
      Optional<LogFile> combinedForOut = acquire(paths.combined(), rotation, acquired);
      Optional<LogFile> combinedForErr = acquire(paths.combined(), rotation, acquired);
      LogStats counters = stats.computeIfAbsent(id, key -> new LogStats());
      List<LogFile> held = hold(out, err, combinedForOut);
      return new RunLogs(
          writer(id, spec, LogLine.Stream.OUT, out, combinedForOut, counters),
          writer(id, spec, LogLine.Stream.ERR, err, combinedForErr, counters),
          () -> held.forEach(this::unhold));
    } catch (IOException | RuntimeException e) {
      acquired.forEach(this::release);
      throw e;
    }
  }

  /** {@code jpm flush}: empties these files, open or not. */
  public void truncate(LogPaths paths) {
    for (Optional<Path> path : List.of(paths.out(), paths.error(), paths.combined())) {
      if (path.isEmpty()) continue;
      LogFile file;
      synchronized (this) {
        file = open.get(path.get());
      }
      if (file != null) file.truncate();
      else truncateClosed(path.get());
    }
  }

  /** {@code jpm reloadLogs}: reopens every open file; returns how many. */
  public int reopenAll() {
    List<LogFile> files;
    synchronized (this) {
      files = List.copyOf(open.values());
    }
    files.forEach(LogFile::reopen);
    return files.size();
  }

  private Optional<StreamConsumer> writer(InstanceId id, LogSpec spec, LogLine.Stream stream, Optional<LogFile> own,
      Optional<LogFile> combined, LogStats counters) {
    if (own.isEmpty() && combined.isEmpty()) return Optional.empty();
    List<LogFile> files = new ArrayList<>(2);
    own.ifPresent(files::add);
    combined.ifPresent(files::add);
    LineFormat format = LineFormat.of(spec.dateFormat(), spec.json(), id.app(), id.index(), stream, zone);
    return Optional.of(new StreamWriter(id.app(), id.index(), stream, files, format, counters, bus, clock,
        this::release));
  }

  private Optional<LogFile> acquire(Optional<Path> path, LogRotation rotation, List<LogFile> acquired)
      throws IOException {
    if (path.isEmpty()) return Optional.empty();
    LogFile file;
    synchronized (this) {
      file = open.get(path.get());
      if (file == null) {
        file = LogFile.open(path.get(), rotation, clock, zone, background);
        open.put(path.get(), file);
      }
      file.acquire();
    }
    acquired.add(file);
    return Optional.of(file);
  }

  private void release(LogFile file) {
    synchronized (this) {
      if (file.release()) open.remove(file.path(), file);
    }
  }

  /** A run's hold on its files (see {@link RunLogs#releaseHold()}); each file once. */
  private List<LogFile> hold(Optional<LogFile> out, Optional<LogFile> err, Optional<LogFile> combined) {
    List<LogFile> held = new ArrayList<>(3);
    for (Optional<LogFile> file : List.of(out, err, combined)) file.ifPresent(held::add);
    synchronized (this) {
      held.forEach(LogFile::hold);
    }
    return held;
  }

  private void unhold(LogFile file) {
    synchronized (this) {
      if (file.unhold()) open.remove(file.path(), file);
    }
  }

  private static void truncateClosed(Path path) {
    try {
      if (Files.isRegularFile(path)) Files.newOutputStream(path).close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "flushing " + path + " failed: " + e);
    }
  }
}
