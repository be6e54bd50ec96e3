package dev.jpm.engine.reconcile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that send GET requests in a loop until stopped and count what they saw: one keep-alive client
 * (java.net.http, pooled connections) and one that opens a new connection per request. Any exception or non-200
 * answer is a failure.
 */
final class LoadLoop implements AutoCloseable {

  private final URI uri;
  private final AtomicInteger ok = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final List<String> lastBodies = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;

  LoadLoop(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/load");
  }

  LoadLoop start() {
    HttpClient keepAlive = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    threads.add(Thread.ofVirtual().start(() -> loop(keepAlive, false)));
    threads.add(Thread.ofVirtual().start(() -> loop(keepAlive, false)));
    threads.add(Thread.ofVirtual().start(() -> loop(null, true)));
    return this;
  }

  private void loop(HttpClient shared, boolean fresh) {
    while (running) {
      HttpClient client = fresh ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : shared;
      try {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          ok.incrementAndGet();
          lastBodies.add(response.body().strip());
          if (lastBodies.size() > 20) lastBodies.removeFirst();
        } else {
          failures.add("status " + response.statusCode());
        }
      } catch (IOException e) {
        failures.add(e.toString());
      } catch (InterruptedException e) {
        return;
      } finally {
        if (fresh) client.close();
      }
    }
  }

  int succeeded() {
    return ok.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  List<String> recentBodies() {
    return List.copyOf(lastBodies);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) thread.join(15_000);
  }
}
