package dev.jpm.engine.health;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.HealthCheck;
import dev.jpm.engine.model.ProcessRecord;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Watches one process (one pid of one instance) on its own virtual thread: waits min_uptime, then checks until it
 * is ready or listen_timeout has passed; after ready, keeps running the health check, if any. Reports each change
 * of {@link Readiness} to its owner. Sleeping between checks is this class's job alone.
 */
final class RunWatch {

  /** How often a port without a health check is tried while a process starts. */
  static final long PORT_POLL_MS = 50;

  /** What the watch tells its owner. */
  interface Owner {
    void report(RunWatch watch, Readiness readiness, String reason);

    /** Called after {@code restartAfter} failures in a row; the watch ends after it. */
    void restart(RunWatch watch, String reason);
  }

  private final AppSpec spec;
  private final ProcessRecord run;
  private final Clock clock;
  private final BooleanSupplier saidReady;
  private final BooleanSupplier sentReady;
  private final BooleanSupplier portKnown;
  private final BooleanSupplier listened;
  private final Owner owner;
  private volatile boolean cancelled;
  private volatile Thread thread;

  /**
   * @param saidReady whether the process printed its ready_pattern line
   * @param sentReady whether the process called {@code process.send('ready')} (a Node app, for wait_ready)
   * @param portKnown whether the app's port is known (declared, or learned from an instance's {@code listen()}):
   *     until then a balanced process may be a worker that never listens, and its private port proves nothing
   * @param listened whether a Node process's preload reported it listening on the app's port (true when jpm cannot
   *     tell): what a process on an inherited socket has instead of a private port to probe
   */
  RunWatch(AppSpec spec, ProcessRecord run, Clock clock, BooleanSupplier saidReady, BooleanSupplier sentReady,
      BooleanSupplier portKnown, BooleanSupplier listened, Owner owner) {
    this.spec = spec;
    this.run = run;
    this.clock = clock;
    this.saidReady = saidReady;
    this.sentReady = sentReady;
    this.portKnown = portKnown;
    this.listened = listened;
    this.owner = owner;
  }

  ProcessRecord process() {
    return run;
  }

  AppSpec spec() {
    return spec;
  }

  void start() {
    thread = Thread.ofVirtual().name("jpm-ready-" + run.id() + "-" + run.pid()).start(this::watch);
  }

  void cancel() {
    cancelled = true;
    Thread running = thread;
    if (running != null) running.interrupt();
  }

  private void watch() {
    try {
      if (awaitReady()) watchHealth();
    } catch (InterruptedException e) {
      // Cancelled: the process is gone or the tracker closes.
    }
  }

  /** True when ready; false when listen_timeout passed (reported) or cancelled. */
  private boolean awaitReady() throws InterruptedException {
    long minUptime = spec.restart().minUptimeMs();
    long readyAt = run.startedAtMs() + minUptime;
    long deadline = readyAt + spec.listenTimeoutMs();
    sleepUntil(readyAt);
    HealthCheck check = spec.traffic().healthCheck();
    int needed = check == null ? 1 : check.successes();
    int passed = 0;
    String lastFailure = null;
    while (!cancelled) {
      Probe.Result result = checkOnce();
      if (result.passed() && ++passed >= needed) {
        owner.report(this, Readiness.READY, null);
        return true;
      }
      if (!result.passed()) {
        passed = 0;
        lastFailure = result.detail();
      }
      if (clock.millis() >= deadline) {
        owner.report(this, Readiness.NOT_READY, "not ready within listen_timeout ("
            + spec.listenTimeoutMs() + " ms): " + lastFailure);
        return false;
      }
      Thread.sleep(check == null ? PORT_POLL_MS : Math.min(check.intervalMs(), Math.max(1, deadline - clock.millis())));
    }
    return false;
  }

  private void watchHealth() throws InterruptedException {
    HealthCheck check = spec.traffic().healthCheck();
    if (check == null) return;
    int failures = 0;
    int passes = 0;
    boolean healthy = true;
    while (!cancelled) {
      Thread.sleep(check.intervalMs());
      Probe.Result result = Probe.check(check, port());
      if (result.passed()) {
        failures = 0;
        if (!healthy && ++passes >= check.successes()) {
          healthy = true;
          owner.report(this, Readiness.READY, null);
        }
        continue;
      }
      passes = 0;
      failures++;
      if (healthy && failures >= check.failures()) {
        healthy = false;
        owner.report(this, Readiness.UNHEALTHY, failures + " failed health checks: " + result.detail());
      }
      if (check.restartAfter() > 0 && failures >= check.restartAfter()) {
        owner.restart(this, failures + " failed health checks: " + result.detail());
        return;
      }
    }
  }

  /**
   * One round of every configured condition: the ready line, the ready message, a listen on the inherited socket, then
   * the health check or the port.
   */
  private Probe.Result checkOnce() {
    if (spec.traffic().readyPattern() != null && !saidReady.getAsBoolean())
      return new Probe.Result(false, "no stdout line matched ready_pattern yet");
    if (spec.traffic().waitReady() && spec.runsOnNode() && !sentReady.getAsBoolean())
      return new Probe.Result(false, "the app has not called process.send('ready') yet (wait_ready)");
    // A probe of the inherited socket would reach any instance: a Node one's preload says when this one accepts.
    if (spec.inheritsSocket() && spec.runsOnNode() && !listened.getAsBoolean())
      return new Probe.Result(false, "the app has not listened on port " + spec.port() + " yet");
    HealthCheck check = spec.traffic().healthCheck();
    if (check != null) return Probe.check(check, port());
    // Without a health check only a balanced process's private port is tried: a fork app's declared port may be
    // nothing it listens on (PM2 files often set it for the app's own use).
    return run.port() > 0 && portKnown.getAsBoolean() ? Probe.tcp(run.port(), 1000) : Probe.Result.PASSED;
  }

  /** The health check's own port, else the process's private port, else the app's declared port; 0 = none. */
  private int port() {
    HealthCheck check = spec.traffic().healthCheck();
    if (check != null && check.port() != null) return check.port();
    if (run.port() > 0) return run.port();
    return spec.port() != null ? spec.port() : 0;
  }

  private void sleepUntil(long epochMs) throws InterruptedException {
    long wait = epochMs - clock.millis();
    if (wait > 0) Thread.sleep(wait);
  }
}
