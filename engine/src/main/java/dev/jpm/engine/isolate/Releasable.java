package dev.jpm.engine.isolate;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An implementation of {@code api} that lives in a class loader of its own: loaded on first use, kept while used,
 * released after {@code idle} without use. Releasing drops every reference this side holds and asks for a
 * collection, so the loader's classes are unloaded and their metaspace, JIT code and symbols are given back.
 *
 * <p>Calls run on a fresh virtual thread whose context class loader is the isolated one: libraries that look
 * classes up through the context loader find their own copies, and what they park in thread-locals dies with the
 * thread instead of pinning the loader. If something pinned it anyway, the next use takes that loader again rather
 * than loading a second copy, so a leak costs what keeping the code loaded costs, never more.
 *
 * @param <T> the interface both sides know (a shared class)
 */
public final class Releasable<T> {

  /** Builds the implementation from its class, as loaded by the isolated loader. */
  @FunctionalInterface
  public interface Factory<T> {
    T create(Class<?> implementation) throws ReflectiveOperationException;
  }

  private static final System.Logger LOG = System.getLogger(Releasable.class.getName());

  /** Pauses between the collections a release asks for while its loader is still reachable. */
  private static final List<Duration> COLLECTION_RETRIES =
      List.of(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120));

  private final String name;
  private final String implementation;
  private final Predicate<String> shared;
  private final Factory<T> factory;
  private final long idleNanos;

  private final Object lock = new Object();
  private ChildFirstLoader loader;
  private T instance;
  private WeakReference<ChildFirstLoader> released = new WeakReference<>(null);
  private int users;
  private long lastUseNanos;
  private boolean releaseScheduled;
  private int loadersCreated;

  /**
   * @param name for thread names and logs
   * @param implementation binary name of the class {@code factory} instantiates
   * @param shared the classes that must be the parent's (at least the api and every type crossing it)
   * @param idle how long without a call before the code is released
   */
  public Releasable(String name, String implementation, Predicate<String> shared, Factory<T> factory, Duration idle) {
    this.name = Objects.requireNonNull(name, "name");
    this.implementation = Objects.requireNonNull(implementation, "implementation");
    this.shared = Objects.requireNonNull(shared, "shared");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.idleNanos = idle.toNanos();
  }

  /** Runs {@code work} against the implementation, loading it first if it is not loaded. */
  public <R> R call(Function<T, R> work) {
    T target;
    ClassLoader context;
    synchronized (lock) {
      target = acquire();
      context = loader;
      users++;
    }
    try {
      return runIsolated(() -> work.apply(target), context);
    } finally {
      synchronized (lock) {
        users--;
        lastUseNanos = System.nanoTime();
        scheduleRelease();
      }
    }
  }

  /** Whether the implementation is loaded now (between a call and its release). */
  public boolean loaded() {
    synchronized (lock) {
      return instance != null;
    }
  }

  /** How many loaders were created so far: one more each time a released one was unloaded and the code is used. */
  public int loadersCreated() {
    synchronized (lock) {
      return loadersCreated;
    }
  }

  private T acquire() {
    if (instance != null) return instance;
    ChildFirstLoader pinned = released.get();
    if (pinned != null) {
      LOG.log(System.Logger.Level.DEBUG, name + ": the released classes are still loaded; using them again");
      loader = pinned;
    } else {
      loader = new ChildFirstLoader("jpm-" + name, ChildFirstLoader.applicationClassPath(),
          Releasable.class.getClassLoader(), shared);
      loadersCreated++;
    }
    try {
      instance = factory.create(Class.forName(implementation, true, loader));
    } catch (ReflectiveOperationException e) {
      loader = null;
      throw new IllegalStateException("cannot load " + implementation + " for " + name + ": " + e, e);
    }
    return instance;
  }

  private void scheduleRelease() {
    if (releaseScheduled) return;
    releaseScheduled = true;
    Thread.ofVirtual().name("jpm-release-" + name).start(this::releaseWhenIdle);
  }

  private void releaseWhenIdle() {
    while (true) {
      long waitNanos;
      synchronized (lock) {
        long idleFor = System.nanoTime() - lastUseNanos;
        if (users == 0 && idleFor >= idleNanos) {
          released = new WeakReference<>(loader);
          loader = null;
          instance = null;
          releaseScheduled = false;
          break;
        }
        waitNanos = users > 0 ? idleNanos : idleNanos - idleFor;
      }
      if (!sleep(waitNanos)) {
        synchronized (lock) {
          releaseScheduled = false;
        }
        return;
      }
    }
    collect();
  }

  /**
   * Classes are unloaded only by a full collection, which a daemon with a small, quiet heap may not run for days:
   * ask for one. A soft reference the JDK keeps (a cache entry) can hold the loader through it; such references
   * are cleared once unused for about a second per free MiB of heap, so a few later collections finish the job.
   */
  private void collect() {
    for (Duration pause : COLLECTION_RETRIES) {
      System.gc();
      if (released.get() == null) return;
      if (!sleep(pause.toNanos())) return;
      synchronized (lock) {
        if (instance != null) return; // in use again
      }
    }
    System.gc();
    if (released.get() != null) LOG.log(System.Logger.Level.DEBUG, name + ": released, but its classes stay loaded");
  }

  private static boolean sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static <R> R runIsolated(Supplier<R> work, ClassLoader context) {
    var outcome = new Object() {
      R result;
      Throwable failure;
    };
    Thread worker = Thread.ofVirtual().unstarted(() -> {
      try {
        outcome.result = work.get();
      } catch (Throwable t) {
        outcome.failure = t;
      }
    });
    worker.setContextClassLoader(context);
    worker.start();
    boolean interrupted = false;
    while (true) {
      try {
        worker.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the work is not interruptible; its caller learns of the interrupt afterwards
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    if (outcome.failure instanceof RuntimeException runtime) throw runtime;
    if (outcome.failure instanceof Error error) throw error;
    if (outcome.failure != null) throw new IllegalStateException(outcome.failure);
    return outcome.result;
  }
}
