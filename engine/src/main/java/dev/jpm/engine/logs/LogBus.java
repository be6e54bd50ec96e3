package dev.jpm.engine.logs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's live stream: every line the instances write and every daemon event, handed to whoever subscribed
 * ({@code jpm logs}). Publishing never blocks and never allocates for nobody: each subscriber has a bounded queue
 * (lines and bytes); a subscriber that falls behind misses lines and is told how many, while apps and the daemon
 * go on at full speed. Thread-safe.
 */
public final class LogBus {

  /** Lines a subscriber may have waiting. */
  static final int QUEUE_LINES = 8192;
  /** Bytes of text a subscriber may have waiting (long lines fill this before the line count). */
  static final long QUEUE_BYTES = 4L * 1024 * 1024;

  private final Clock clock;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  public LogBus(Clock clock) {
    this.clock = clock;
  }

  /**
   * What a subscriber wants.
   *
   * @param only the instance indexes wanted, by app; null for every instance of every app
   * @param out stdout lines
   * @param err stderr lines
   */
  public record Filter(java.util.Map<String, java.util.Set<Integer>> only, boolean out, boolean err) {

    public Filter {
      only = only == null ? null : java.util.Map.copyOf(only);
    }

    /** One app ({@code null}: every app), one of its instances ({@code null}: every one). */
    public Filter(String app, Integer instance, boolean out, boolean err) {
      this(app == null ? null : java.util.Map.of(app, instance == null ? java.util.Set.of() : java.util.Set.of(instance)),
          out, err);
    }

    boolean app(String name) {
      return only == null || only.containsKey(name);
    }

    /** An app's empty set stands for every instance of it. */
    private boolean instance(String app, int index) {
      if (only == null) return true;
      java.util.Set<Integer> indexes = only.get(app);
      return indexes != null && (indexes.isEmpty() || indexes.contains(index));
    }

    boolean accepts(LogLine line) {
      if (!instance(line.app(), line.instance())) return false;
      return switch (line.stream()) {
        case OUT -> out;
        case ERR -> err;
        case EVENT -> true;
      };
    }
  }

  /** Starts receiving lines that match {@code filter}; close the subscription to stop. */
  public Subscription subscribe(Filter filter) {
    Subscription subscription = new Subscription(filter);
    subscriptions.add(subscription);
    return subscription;
  }

  /** True when someone wants the lines of {@code app}: the writers split chunks into lines only then. */
  boolean wants(String app) {
    if (subscriptions.isEmpty()) return false;
    for (Subscription s : subscriptions) if (s.filter.app(app)) return true;
    return false;
  }

  /** Hands {@code line} to every matching subscriber; never blocks. */
  void publish(LogLine line) {
    for (Subscription s : subscriptions) if (s.filter.accepts(line)) s.offer(line);
  }

  /** Publishes a daemon event about an instance ("exited with code 1; restarting"): the one call for any event. */
  public void event(String app, int instance, String text) {
    publish(new LogLine(app, instance, LogLine.Stream.EVENT, text, clock.millis()));
  }

  /** One subscriber's bounded queue. Read by one thread (the subscriber's), written by any. */
  public final class Subscription implements AutoCloseable {

    private final Filter filter;
    private final ArrayBlockingQueue<LogLine> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();

    private Subscription(Filter filter) {
      this.filter = filter;
    }

    private void offer(LogLine line) {
      long size = line.text().length();
      if (queuedBytes.get() + size > QUEUE_BYTES || !queue.offer(line)) {
        missed.incrementAndGet();
        return;
      }
      queuedBytes.addAndGet(size);
    }

    /** Waits up to {@code timeoutMs} for a line, then takes up to {@code max} lines; empty when none came. */
    public List<LogLine> poll(long timeoutMs, int max) throws InterruptedException {
      List<LogLine> lines = new ArrayList<>();
      LogLine first = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
      if (first == null) return lines;
      lines.add(first);
      queue.drainTo(lines, max - 1);
      long size = 0;
      for (LogLine line : lines) size += line.text().length();
      queuedBytes.addAndGet(-size);
      return lines;
    }

    /** Lines dropped since the last call because this subscriber fell behind. */
    public long takeMissed() {
      return missed.getAndSet(0);
    }

    @Override
    public void close() {
      subscriptions.remove(this);
    }
  }
}
