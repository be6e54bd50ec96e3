package dev.jpm.cli;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that sends one request after the other while a test changes what serves them (a reload, an update), and
 * keeps what answered and what failed. Stops at {@link #close()}.
 */
final class HttpLoad implements AutoCloseable {

  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CompletableFuture<Void> loop;

  /** @param request sends one request: null when it was answered, else what went wrong */
  HttpLoad(Callable<String> request) {
    loop = CompletableFuture.runAsync(() -> {
      while (running.get()) {
        try {
          String failure = request.call();
          if (failure == null) answered.incrementAndGet();
          else failures.add(failure);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          failures.add(e.toString());
        }
      }
    });
  }

  /** Waits until {@code more} requests were answered from now on. */
  void awaitAnswers(int more) {
    int from = answered.get();
    await().atMost(Duration.ofSeconds(15)).until(() -> answered.get() >= from + more);
  }

  int answered() {
    return answered.get();
  }

  List<String> failures() {
    return failures;
  }

  @Override
  public void close() throws Exception {
    running.set(false);
    loop.get(30, TimeUnit.SECONDS);
  }
}
