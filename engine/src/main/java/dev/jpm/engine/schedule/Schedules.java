package dev.jpm.engine.schedule;

import dev.jpm.engine.model.CronSchedule;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.reconcile.Reconciler;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.CronScheduleBuilder;
import org.quartz.DateBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The daemon's one Quartz scheduler (in-memory job store, two worker threads, no JMX, no database; started with
 * the first job, so a daemon without cron or watch never pays its start-up of about 0.2 s). Keeps its
 * jobs in step with the process table ({@link #sync}, called after every change): a cron job per app with a
 * {@code cron_restart}, a watch job per app that watches. A changed cron or watch setting replaces the job in
 * place; no process is touched by that (cron and watch are not in the spec hash).
 *
 * <p>Other periodic work (the GitOps polls) runs here too, as named groups of {@link Polls}.
 *
 * <p>Thread-safe: {@link #sync} is serialised; jobs run on Quartz's workers and hand restarts to
 * {@link AppRestarts}.
 */
public final class Schedules implements AutoCloseable {

  /** How often a watch walks its trees unless the daemon is told otherwise. */
  public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(1);

  /** The daemon's variable that overrides {@link #DEFAULT_WATCH_INTERVAL}, in milliseconds. */
  public static final String WATCH_INTERVAL_VARIABLE = "JPM_WATCH_INTERVAL_MS";

  private static final System.Logger LOG = System.getLogger(Schedules.class.getName());
  private static final AtomicInteger SCHEDULERS = new AtomicInteger();
  private static final String CRON = "cron";
  private static final String WATCH = "watch";

  /** Started with the first job: a daemon whose apps use no cron and no watch never pays Quartz's start-up. */
  private volatile Scheduler scheduler;
  private final AppRestarts restarts;
  private final Path jpmHome;
  private final Duration watchInterval;
  private final Clock clock;
  /** The job instance behind each key: Quartz asks the factory below for it at every fire. */
  private final Map<JobKey, Job> jobs = new ConcurrentHashMap<>();
  // Guarded by this: the settings each scheduled job was made from.
  private Map<String, CronSchedule> crons = new TreeMap<>();
  private Map<String, WatchSettings> watches = new TreeMap<>();
  private boolean closed;

  public Schedules(Reconciler reconciler, Path jpmHome, Duration watchInterval, Clock clock) {
    this.restarts = new AppRestarts(reconciler);
    this.jpmHome = jpmHome;
    this.watchInterval = Objects.requireNonNull(watchInterval, "watchInterval");
    this.clock = clock;
  }

  /** The scheduler, started on first use; the caller holds this object's monitor. */
  private Scheduler scheduler() {
    if (scheduler != null) return scheduler;
    try {
      Scheduler started = new StdSchedulerFactory(properties()).getScheduler();
      started.setJobFactory((bundle, owner) -> jobs.getOrDefault(bundle.getJobDetail().getKey(), context -> {}));
      started.start();
      return scheduler = started;
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the Quartz scheduler: " + e.getMessage(), e);
    }
  }

  /** The watch interval the daemon's environment asks for (at least 50 ms), else the default. */
  public static Duration watchInterval(Map<String, String> env) {
    String value = env.get(WATCH_INTERVAL_VARIABLE);
    if (value == null || value.isBlank()) return DEFAULT_WATCH_INTERVAL;
    try {
      return Duration.ofMillis(Math.max(50, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      LOG.log(Level.WARNING, WATCH_INTERVAL_VARIABLE + "=" + value + " is not a number of milliseconds; using "
          + DEFAULT_WATCH_INTERVAL.toMillis());
      return DEFAULT_WATCH_INTERVAL;
    }
  }

  /** Quartz configured in code: no quartz.properties is read. Quartz 2.5 has no update check to turn off. */
  private static Properties properties() {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "jpm-" + SCHEDULERS.incrementAndGet());
    p.setProperty("org.quartz.scheduler.threadName", "jpm-quartz");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.scheduler.jmx.export", "false");
    p.setProperty("org.quartz.scheduler.rmi.export", "false");
    p.setProperty("org.quartz.scheduler.rmi.proxy", "false");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "jpm-quartz-worker");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    return p;
  }

  /** Adds, replaces and removes jobs so that they match {@code state}, and pauses or resumes watches. */
  public synchronized void sync(ObservedState state) {
    if (closed) return; // the supervisor's last changes while the daemon stops
    ScheduleWanted wanted = ScheduleWanted.of(state, jpmHome);
    JobDiff<CronSchedule> cronDiff = JobDiff.between(crons, wanted.crons());
    cronDiff.removed().forEach(app -> remove(key(CRON, app)));
    cronDiff.changed().forEach(this::replaceCron);
    cronDiff.added().forEach(this::addCron);
    JobDiff<WatchSettings> watchDiff = JobDiff.between(watches, wanted.watches());
    watchDiff.removed().forEach(app -> remove(key(WATCH, app)));
    watchDiff.changed().forEach((app, settings) -> {
      remove(key(WATCH, app));
      addWatch(app, settings, wanted.paused().contains(app));
    });
    watchDiff.added().forEach((app, settings) -> addWatch(app, settings, wanted.paused().contains(app)));
    crons = new TreeMap<>(wanted.crons());
    watches = new TreeMap<>(wanted.watches());
    watches.keySet().forEach(app -> poller(app).ifPresent(p -> p.pause(wanted.paused().contains(app))));
  }

  /** A group of periodic polls (e.g. {@code gitops}) on this scheduler. */
  public Polls polls(String group) {
    return new Polls(this, group);
  }

  /** Runs {@code fire} every {@code interval} after {@code firstDelay}; replaces the job of the same key. */
  synchronized void every(String group, String key, Duration interval, Duration firstDelay, Runnable fire) {
    if (closed) return;
    JobKey jobKey = JobKey.jobKey(key, group);
    JobDetail detail = JobBuilder.newJob(PollJob.class).withIdentity(jobKey).build();
    Trigger trigger = TriggerBuilder.newTrigger().forJob(jobKey)
        .startAt(DateBuilder.futureDate((int) firstDelay.toMillis(), DateBuilder.IntervalUnit.MILLISECOND))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
    schedule(jobKey, new PollJob(fire), detail, Set.of(trigger));
  }

  synchronized void cancel(String group, String key) {
    if (closed || scheduler == null) return;
    remove(JobKey.jobKey(key, group));
  }

  /** When the cron of {@code app} fires next, if it has one. */
  public Optional<Instant> nextCronRestart(String app) {
    Scheduler quartz = scheduler;
    if (quartz == null) return Optional.empty();
    try {
      return quartz.getTriggersOfJob(key(CRON, app)).stream()
          .map(Trigger::getNextFireTime).filter(Objects::nonNull).min(Date::compareTo).map(Date::toInstant);
    } catch (SchedulerException e) {
      return Optional.empty();
    }
  }

  /**
   * How {@code app}'s watch runs, if it watches: {@code watching 120 files every 1000ms}, {@code starting} (no
   * snapshot yet) or {@code paused while stopped}.
   */
  public Optional<String> watchState(String app) {
    return poller(app).map(p -> {
      if (p.paused()) return "paused while stopped";
      return p.watchedFiles().stream().mapToObj(files -> "watching " + files + " file" + (files == 1 ? "" : "s")
          + " every " + watchInterval.toMillis() + "ms").findFirst().orElse("starting");
    });
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    if (scheduler == null) return;
    try {
      scheduler.shutdown(false);
    } catch (SchedulerException e) {
      LOG.log(Level.WARNING, "Quartz did not shut down cleanly: " + e.getMessage());
    }
  }

  private void replaceCron(String app, CronSchedule cron) {
    remove(key(CRON, app));
    addCron(app, cron);
  }

  private void addCron(String app, CronSchedule cron) {
    if (!cron.fires()) {
      // Validated when loaded; only a table saved by another jpm version can get here.
      LOG.log(Level.WARNING, app + ": cron_restart \"" + cron.expression() + "\" is not valid; no cron restart");
      return;
    }
    JobKey key = key(CRON, app);
    JobDetail detail = JobBuilder.newJob(CronRestartJob.class).withIdentity(key).build();
    Set<Trigger> triggers = new LinkedHashSet<>();
    for (String expression : cron.quartzExpressions())
      triggers.add(TriggerBuilder.newTrigger().forJob(key)
          .withSchedule(CronScheduleBuilder.cronSchedule(expression).withMisfireHandlingInstructionDoNothing())
          .build());
    schedule(key, new CronRestartJob(app, cron.expression(), restarts), detail, triggers);
  }

  private void addWatch(String app, WatchSettings settings, boolean paused) {
    JobKey key = key(WATCH, app);
    WatchPoller poller = new WatchPoller(app, settings, restarts, clock, delay -> pollSoon(key, delay));
    poller.pause(paused);
    JobDetail detail = JobBuilder.newJob(WatchJob.class).withIdentity(key).build();
    Trigger trigger = TriggerBuilder.newTrigger().forJob(key).startNow()
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(watchInterval.toMillis())
            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
    schedule(key, new WatchJob(poller), detail, Set.of(trigger));
  }

  /** One extra poll of a watch after {@code delay}, unless the regular one comes first. */
  private void pollSoon(JobKey key, Duration delay) {
    if (delay.compareTo(watchInterval) >= 0) return;
    Trigger once = TriggerBuilder.newTrigger().forJob(key)
        .startAt(DateBuilder.futureDate((int) delay.toMillis(), DateBuilder.IntervalUnit.MILLISECOND)).build();
    try {
      scheduler.scheduleJob(once); // asked by a running watch job: the scheduler exists
    } catch (SchedulerException e) {
      LOG.log(Level.DEBUG, "no early poll for " + key + " (removed meanwhile?): " + e.getMessage());
    }
  }

  private void schedule(JobKey key, Job job, JobDetail detail, Set<? extends Trigger> triggers) {
    jobs.put(key, job);
    try {
      scheduler().scheduleJob(detail, triggers, true);
    } catch (SchedulerException e) {
      jobs.remove(key);
      LOG.log(Level.WARNING, "cannot schedule " + key + ": " + e.getMessage());
    }
  }

  private void remove(JobKey key) {
    try {
      scheduler().deleteJob(key);
    } catch (SchedulerException e) {
      LOG.log(Level.WARNING, "cannot remove " + key + ": " + e.getMessage());
    }
    jobs.remove(key);
  }

  private Optional<WatchPoller> poller(String app) {
    return jobs.get(key(WATCH, app)) instanceof WatchJob watch ? Optional.of(watch.poller) : Optional.empty();
  }

  private static JobKey key(String kind, String app) {
    return JobKey.jobKey(app, kind);
  }
}
