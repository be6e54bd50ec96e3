package dev.jpm.engine.health;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.supervise.Supervisor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Knows the readiness of every running process of the supervisor (instances and the surges of rolling reloads),
 * keyed by instance and pid so a restarted instance starts over as {@link Readiness#STARTING}. Each online process
 * gets a {@link RunWatch}; a process that is gone is dropped and reported as such.
 *
 * <p>Thread-safe: the table is guarded by this object's monitor, which waiters also wait on. Listeners are called
 * on the watch's thread before waiters wake, so whoever waits for ready finds the process already routed.
 */
public final class ReadinessTracker implements AutoCloseable {

  /** One process's standing. {@code reason} says why it is not ready, or null. */
  public record Status(InstanceId id, long pid, int port, Readiness readiness, String reason) {}

  /** Hears each change; {@code readiness} is null when the process is gone. */
  public interface Listener {
    void changed(AppSpec spec, ProcessRecord run, Readiness readiness);
  }

  private final Supervisor supervisor;
  private final Clock clock;
  private final BiConsumer<InstanceId, String> restarter;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  // Guarded by this.
  private final Map<String, RunWatch> watches = new HashMap<>();
  private final Map<String, Status> statuses = new HashMap<>();
  private boolean closed;

  /**
   * @param restarter restarts an instance whose health check failed {@code restart_after} times, with the cause
   */
  public ReadinessTracker(Supervisor supervisor, Clock clock, BiConsumer<InstanceId, String> restarter) {
    this.supervisor = supervisor;
    this.clock = clock;
    this.restarter = restarter;
    supervisor.onChange(this::refresh);
  }

  public void onChange(Listener listener) {
    listeners.add(listener);
  }

  /** Starts watching new online processes and drops the ones that are gone. */
  public void refresh() {
    refresh(supervisor.observe());
  }

  /** The same, from the table {@code state}: called with every supervisor change. */
  public void refresh(ObservedState state) {
    Map<String, ProcessRecord> live = new HashMap<>();
    Map<String, AppSpec> specOf = new HashMap<>();
    for (ObservedApp app : state.apps().values()) {
      List<ProcessRecord> runs = new ArrayList<>(app.instances());
      runs.addAll(app.surges());
      for (ProcessRecord run : runs) {
        if (run.status() != ProcessStatus.ONLINE || run.pid() <= 0) continue;
        live.put(key(run.id(), run.pid()), run);
        specOf.put(key(run.id(), run.pid()), app.applied());
      }
    }
    List<RunWatch> gone = new ArrayList<>();
    List<RunWatch> started = new ArrayList<>();
    synchronized (this) {
      if (closed) return;
      for (var it = watches.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        if (!live.containsKey(entry.getKey())) {
          entry.getValue().cancel();
          gone.add(entry.getValue());
          statuses.remove(entry.getKey());
          it.remove();
        }
      }
      live.forEach((key, run) -> {
        if (watches.containsKey(key)) return;
        RunWatch watch = new RunWatch(specOf.get(key), run, clock,
            () -> supervisor.saidReady(run.id(), run.pid()), () -> supervisor.sentReady(run.id(), run.pid()),
            () -> specOf.get(key).port() != null || supervisor.learnedPort(run.id().app()).isPresent(),
            () -> supervisor.listened(run.id(), run.pid()), new Owner());
        watches.put(key, watch);
        statuses.put(key, new Status(run.id(), run.pid(), run.port(), Readiness.STARTING, null));
        started.add(watch);
      });
      notifyAll();
    }
    gone.forEach(watch -> tell(watch, null));
    started.forEach(RunWatch::start);
  }

  /** The standing of a process, or empty when it is not (or no longer) watched. */
  public synchronized Optional<Status> status(InstanceId id, long pid) {
    return Optional.ofNullable(statuses.get(key(id, pid)));
  }

  /** The standing of the instance's current process as {@code ls} shows it, if it runs. */
  public synchronized Optional<Status> current(ProcessRecord record) {
    return record.pid() > 0 ? Optional.ofNullable(statuses.get(key(record.id(), record.pid()))) : Optional.empty();
  }

  /**
   * Waits until {@code pid} of {@code id} is no longer starting, is gone, or {@code timeout} passed; returns its last
   * standing (empty when gone or never seen).
   */
  public synchronized Optional<Status> awaitDecided(InstanceId id, long pid, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String key = key(id, pid);
    boolean seen = false;
    while (true) {
      Status status = statuses.get(key);
      if (status != null) seen = true;
      if (status != null && status.readiness() != Readiness.STARTING) return Optional.of(status);
      if (status == null && seen) return Optional.empty();
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) return Optional.ofNullable(status);
      wait(left);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      watches.values().forEach(RunWatch::cancel);
      watches.clear();
      statuses.clear();
      notifyAll();
    }
  }

  private void tell(RunWatch watch, Readiness readiness) {
    for (Listener listener : listeners) {
      try {
        listener.changed(watch.spec(), watch.process(), readiness);
      } catch (RuntimeException e) {
        System.getLogger(ReadinessTracker.class.getName())
            .log(System.Logger.Level.WARNING, "a readiness listener failed", e);
      }
    }
  }

  private static String key(InstanceId id, long pid) {
    return id + "@" + pid;
  }

  /** Receives a watch's reports; ignores a watch that was dropped meanwhile. */
  private final class Owner implements RunWatch.Owner {

    @Override
    public void report(RunWatch watch, Readiness readiness, String reason) {
      String key = key(watch.process().id(), watch.process().pid());
      synchronized (ReadinessTracker.this) {
        if (watches.get(key) != watch) return;
        ProcessRecord run = watch.process();
        statuses.put(key, new Status(run.id(), run.pid(), run.port(), readiness, reason));
      }
      tell(watch, readiness);
      synchronized (ReadinessTracker.this) {
        ReadinessTracker.this.notifyAll();
      }
    }

    @Override
    public void restart(RunWatch watch, String reason) {
      restarter.accept(watch.process().id(), reason);
    }
  }
}
