package dev.jpm.engine.balance;

import dev.jpm.engine.model.InstanceId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The daemon's front ports, one per balanced app. The caller decides who gets traffic: {@link #admit} a ready
 * process, {@link #drain} one that must leave (it keeps its open connections until they end), {@link #forget} one
 * that is gone. New connections go round-robin to admitted processes; a process that refuses is skipped for the
 * next one before the client sees anything.
 *
 * <p>Thread-safe. The data plane is a few selector threads shared by every front port (one per core, up to four,
 * started with the first front port), never a thread per connection; this object's monitor guards only the set of
 * front ports.
 */
public final class Balancer implements AutoCloseable {

  /** A front port as {@code jpm show} reports it. */
  public record FrontView(String address, Map<InstanceId, Integer> connections, List<InstanceId> inRotation,
      long refusedConnections) {}

  private final Map<String, FrontPort> fronts = new TreeMap<>();
  private final BooleanSupplier predecessorServing;
  private CopyLoops loops;

  public Balancer() {
    this(() -> false);
  }

  /**
   * @param predecessorServing whether the daemon this one replaces ({@code jpm update}) still serves its front ports:
   *     then a front port joins the predecessor's socket on the same port instead of requiring it free
   */
  public Balancer(BooleanSupplier predecessorServing) {
    this.predecessorServing = predecessorServing;
  }

  /**
   * Listens on {@code host:port} for {@code app} (host null or blank = every interface), or keeps listening when it
   * already does there; a different address closes the old socket and opens the new one, keeping the backends.
   */
  public synchronized void listen(String app, String host, int port, boolean proxyProtocol) throws IOException {
    InetSocketAddress address = host == null || host.isBlank() || host.equals("*") || host.equals("0.0.0.0")
        ? new InetSocketAddress(port)
        : new InetSocketAddress(InetAddress.getByName(host), port);
    FrontPort existing = fronts.get(app);
    if (existing != null && existing.requested().equals(address)) {
      existing.proxyProtocol(proxyProtocol);
      return;
    }
    if (existing != null) {
      existing.close();
      fronts.remove(app);
    }
    if (loops == null) loops = new CopyLoops(CopyLoops.defaultCount()); // only once an app is balanced
    FrontPort opened = new FrontPort(app, address, proxyProtocol, loops, predecessorServing.getAsBoolean());
    if (existing != null) existing.inRotation().forEach(b -> opened.admit(b.id(), b.pid(), b.address().getPort()));
    fronts.put(app, opened);
  }

  /** Stops listening for {@code app}; connections already open run on until they end. */
  public synchronized void unlisten(String app) {
    FrontPort front = fronts.remove(app);
    if (front != null) front.close();
  }

  public synchronized Set<String> apps() {
    return Set.copyOf(fronts.keySet());
  }

  /** Sends new connections of {@code app} to {@code pid} of {@code id} too, at loopback {@code port}. */
  public void admit(String app, InstanceId id, long pid, int port) {
    front(app).ifPresent(front -> front.admit(id, pid, port));
  }

  /** No new connections to that process; completes when its open connections have ended. */
  public CompletableFuture<Void> drain(String app, InstanceId id, long pid) {
    return front(app).map(front -> front.drain(id, pid)).orElse(CompletableFuture.completedFuture(null));
  }

  /** The process is gone: no more connections, nothing to wait for. */
  public void forget(String app, InstanceId id, long pid) {
    front(app).ifPresent(front -> front.forget(id, pid));
  }

  public boolean inRotation(String app, InstanceId id, long pid) {
    return front(app).map(front -> front.inRotation(id, pid)).orElse(false);
  }

  /** The front port of {@code app} with its connections, or empty when it has none. */
  public Optional<FrontView> view(String app) {
    return front(app).map(front -> new FrontView(FrontPort.describe(front.bound()), front.connections(),
        front.inRotation().stream().map(Backend::id).distinct().toList(), front.refusedConnections()));
  }

  /** The address actually bound (port 0 asks the system for one, in tests). */
  public Optional<InetSocketAddress> boundAddress(String app) {
    return front(app).map(FrontPort::bound);
  }

  private synchronized Optional<FrontPort> front(String app) {
    return Optional.ofNullable(fronts.get(app));
  }

  /**
   * The hand-over of {@code jpm update}, once the successor listens on the same ports: each front port stops
   * listening as soon as its accept queue is empty, then this waits until the connections already spliced have
   * ended, at most {@code patience}. True when none was left open.
   */
  public boolean handOver(java.time.Duration patience) throws InterruptedException {
    List<FrontPort> open;
    synchronized (this) {
      open = List.copyOf(fronts.values());
    }
    open.forEach(FrontPort::closeAfterQueue);
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      boolean listening = open.stream().anyMatch(FrontPort::isOpen);
      int connections = open.stream().mapToInt(f -> f.connections().values().stream().mapToInt(i -> i).sum()).sum();
      if (!listening && connections == 0) return true;
      Thread.sleep(20);
    }
    return false;
  }

  @Override
  public synchronized void close() {
    fronts.values().forEach(FrontPort::close);
    fronts.clear();
    if (loops != null) loops.close();
  }
}
