package dev.jpm.engine.gitops;

import dev.jpm.engine.config.ConfigProblem;
import dev.jpm.engine.config.ConfigReader;
import dev.jpm.engine.git.GitFailure;
import dev.jpm.engine.git.SourceClone;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.protocol.GitOpsSource;
import dev.jpm.engine.protocol.GitOpsState;
import dev.jpm.engine.protocol.GitOpsStatus;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.schedule.Polls;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The GitOps sources the daemon follows: add, list, sync now, remove, and what a pending revision would do. Each
 * source is polled on the daemon's Quartz scheduler ({@link Polls}); polls of one source never overlap (a tick that
 * finds one running is skipped, a manual sync waits for it). Every change of the list or of a status is handed to {@code save}.
 */
public final class GitOpsSources implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(GitOpsSources.class.getName());
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  /** After a daemon restart, the first poll waits a little so the restored apps settle first. */
  static final Duration RESTORED_FIRST_POLL = Duration.ofSeconds(2);

  private static final class Tracked {
    final GitOpsSource source;
    final SourceClone clone;
    final ReentrantLock polling = new ReentrantLock();
    volatile GitOpsStatus status;

    Tracked(GitOpsSource source, SourceClone clone, GitOpsStatus status) {
      this.source = source;
      this.clone = clone;
      this.status = status;
    }

    GitOpsState state() {
      return new GitOpsState(source, status);
    }
  }

  /** What a source's newest revision would do: the plan lines, or the file's problems. */
  public record Pending(String current, String revision, List<String> plan, List<String> errors,
      List<String> warnings) {}

  private final Path root;
  private final SourceSync sync;
  private final Polls polls;
  private final Consumer<List<GitOpsState>> save;
  private final Supplier<ObservedState> observed;
  private final Map<String, Tracked> sources = new ConcurrentHashMap<>();

  /**
   * @param root where clones live ({@code JPM_HOME/gitops})
   * @param save persists the whole list (atomically); called after every change
   * @param observed the process table, for the sources' live health
   */
  public GitOpsSources(Path root, ConfigReader loader, Reconciler reconciler, Polls polls, Clock clock,
      Consumer<List<GitOpsState>> save, Supplier<ObservedState> observed) {
    this.root = root;
    this.sync = new SourceSync(loader, reconciler, clock);
    this.polls = polls;
    this.save = save;
    this.observed = observed;
  }

  /** Follows the saved sources again after a daemon restart; their statuses are kept. */
  public void restore(List<GitOpsState> saved) {
    for (GitOpsState state : saved) {
      Tracked tracked = track(state.source(), state.status());
      schedule(tracked, RESTORED_FIRST_POLL);
    }
  }

  /** Adds a source, polls it once (the first apply happens before this returns), then polls it on its interval. */
  public GitOpsState add(GitOpsSource source, Consumer<String> progress) {
    check(source);
    Tracked tracked = new Tracked(source, cloneOf(source), GitOpsStatus.NEW);
    if (sources.putIfAbsent(source.name(), tracked) != null)
      throw new IllegalArgumentException("a GitOps source named " + source.name()
          + " exists already (jpm gitops rm " + source.name() + " first)");
    poll(tracked, false, progress);
    if (tracked.status.lastAttempted() == null) {
      // Never reached (a typo in the URL, a ref that does not exist): following it would only poll a failure.
      sources.remove(source.name());
      persist(); // the poll saved it with its failure
      throw new GitFailure(source.name() + ": " + tracked.status.message().replaceAll("\\.$", "")
          + "; nothing was registered");
    }
    persist();
    schedule(tracked, Duration.ofMillis(source.intervalMs()));
    return live(tracked);
  }

  /** The sources by name, each with its health as of now (an app that crashed since the sync degrades it). */
  public List<GitOpsState> list() {
    return sorted().stream().map(this::live).toList();
  }

  private List<Tracked> sorted() {
    return sources.values().stream().sorted(Comparator.comparing(tracked -> tracked.source.name())).toList();
  }

  /** Polls now, waiting for a running poll; a revision already attempted is attempted again. */
  public GitOpsState sync(String name, Consumer<String> progress) {
    Tracked tracked = require(name);
    poll(tracked, true, progress);
    return live(tracked);
  }

  /** Stops following a source; its apps keep running, and its clone stays (they may run from it). */
  public GitOpsState remove(String name) {
    Tracked tracked = require(name);
    polls.cancel(name);
    sources.remove(name);
    persist();
    return tracked.state();
  }

  /** What applying the source's newest revision would do; fetches, but moves nothing. */
  public Pending pending(String name) {
    Tracked tracked = require(name);
    tracked.polling.lock();
    try {
      SourceSync.Pending pending = sync.pending(tracked.source, tracked.clone, tracked.status);
      var warnings = pending.loaded().warnings().stream().map(ConfigProblem::render).toList();
      if (!pending.loaded().ok())
        return new Pending(pending.current(), pending.revision(), List.of(),
            pending.loaded().errors().stream().map(ConfigProblem::render).toList(), warnings);
      return new Pending(pending.current(), pending.revision(), pending.plan().lines(), List.of(), warnings);
    } finally {
      tracked.polling.unlock();
    }
  }

  @Override
  public void close() {
    polls.close();
  }

  private GitOpsState live(Tracked tracked) {
    return new GitOpsState(tracked.source, LiveHealth.of(tracked.status, tracked.clone.file().toString(),
        observed.get()));
  }

  private Tracked track(GitOpsSource source, GitOpsStatus status) {
    Tracked tracked = new Tracked(source, cloneOf(source), status);
    sources.put(source.name(), tracked);
    return tracked;
  }

  /** The daemon's clone of {@code source}, under {@code JPM_HOME/gitops/NAME}: the source's apps run from it. */
  private SourceClone cloneOf(GitOpsSource source) {
    return new SourceClone(source.repo(), source.ref(), source.path(), root.resolve(source.name()));
  }

  private void schedule(Tracked tracked, Duration firstDelay) {
    polls.every(tracked.source.name(), Duration.ofMillis(tracked.source.intervalMs()), firstDelay, () -> {
      if (!tracked.polling.tryLock()) return; // a manual sync is running; this tick has nothing to add
      try {
        if (sources.get(tracked.source.name()) != tracked) return; // removed meanwhile
        pollLocked(tracked, false, line -> LOG.log(Level.INFO, line));
      } finally {
        tracked.polling.unlock();
      }
    });
  }

  private void poll(Tracked tracked, boolean manual, Consumer<String> progress) {
    tracked.polling.lock();
    try {
      pollLocked(tracked, manual, progress);
    } finally {
      tracked.polling.unlock();
    }
  }

  private void pollLocked(Tracked tracked, boolean manual, Consumer<String> progress) {
    GitOpsStatus before = tracked.status;
    try {
      tracked.status = sync.poll(tracked.source, tracked.clone, before, manual, progress);
    } catch (RuntimeException bug) {
      // The daemon must outlive any one poll; the status carries the failure to gitops ls.
      LOG.log(Level.ERROR, "gitops " + tracked.source.name() + ": poll failed", bug);
      tracked.status = SourceStatuses.unreachable(before, "poll failed: " + bug, before.checkedAtMs());
    }
    if (!tracked.status.equals(before)) {
      if (!tracked.status.message().equals(before.message()))
        LOG.log(Level.INFO, "gitops " + tracked.source.name() + ": " + tracked.status.message());
      persist();
    }
  }

  private Tracked require(String name) {
    Tracked tracked = name == null ? null : sources.get(name);
    if (tracked == null) throw new IllegalArgumentException("no GitOps source named '" + name
        + "' (jpm gitops ls lists them)");
    return tracked;
  }

  private void persist() {
    save.accept(sorted().stream().map(Tracked::state).toList());
  }

  private static void check(GitOpsSource source) {
    if (!NAME.matcher(source.name()).matches())
      throw new IllegalArgumentException("gitops source name '" + source.name()
          + "' must be letters, digits, '.', '_' or '-' (it names a folder)");
    if (source.repo().isBlank()) throw new IllegalArgumentException("--repo must name a repository URL or path");
    if (source.ref().isBlank()) throw new IllegalArgumentException("--ref must name a branch");
    Path path = Path.of(source.path()).normalize();
    if (source.path().isBlank() || path.isAbsolute() || path.startsWith(".."))
      throw new IllegalArgumentException("--path must be a file inside the repository, got '" + source.path() + "'");
    if (source.intervalMs() < MIN_INTERVAL.toMillis())
      throw new IllegalArgumentException("--interval must be at least 1s, got " + source.intervalMs() + "ms");
  }
}
