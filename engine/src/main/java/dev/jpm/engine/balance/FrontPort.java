package dev.jpm.engine.balance;

import dev.jpm.engine.model.InstanceId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listening socket of one balanced app with its backends: one virtual thread accepts, a short-lived virtual
 * thread connects each client to a backend, and the shared copy loops move the bytes. Backends stay known while they drain so their open connections can be shown.
 */
final class FrontPort implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(FrontPort.class.getName());
  private static final int BACKLOG = 1024;

  private final String app;
  private final ServerSocketChannel server;
  private final InetSocketAddress requested;
  private final Rotation rotation = new Rotation();
  private final Map<String, Backend> known = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean proxyProtocol;

  private final CopyLoops loops;

  FrontPort(String app, InetSocketAddress address, boolean proxyProtocol, CopyLoops loops) throws IOException {
    this.app = app;
    this.loops = loops;
    this.requested = address;
    this.proxyProtocol = proxyProtocol;
    this.server = ServerSocketChannel.open();
    try {
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(address, BACKLOG);
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot listen on " + describe(address) + " for " + app + ": " + e.getMessage(), e);
    }
    Thread.ofVirtual().name("jpm-front-" + app).start(this::acceptLoop);
  }

  InetSocketAddress requested() {
    return requested;
  }

  InetSocketAddress bound() {
    try {
      return (InetSocketAddress) server.getLocalAddress();
    } catch (IOException e) {
      return requested;
    }
  }

  Rotation rotation() {
    return rotation;
  }

  boolean proxyProtocol() {
    return proxyProtocol;
  }

  void proxyProtocol(boolean enabled) {
    proxyProtocol = enabled;
  }

  void refusedForLackOfBackend() {
    refused.incrementAndGet();
  }

  long refusedConnections() {
    return refused.get();
  }

  void admit(InstanceId id, long pid, int port) {
    Backend backend = known.compute(key(id, pid), (k, existing) ->
        existing != null && !existing.isDraining() ? existing
            : new Backend(id, pid, new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port)));
    rotation.add(backend);
  }

  /** Out of rotation; the future completes when its connections are closed. Null when unknown. */
  java.util.concurrent.CompletableFuture<Void> drain(InstanceId id, long pid) {
    Backend backend = known.get(key(id, pid));
    if (backend == null) return java.util.concurrent.CompletableFuture.completedFuture(null);
    rotation.remove(backend);
    return backend.drain().whenComplete((done, failure) -> known.remove(key(id, pid), backend));
  }

  /** The process is gone: forget it at once. */
  void forget(InstanceId id, long pid) {
    Backend backend = known.remove(key(id, pid));
    if (backend != null) rotation.remove(backend);
  }

  boolean inRotation(InstanceId id, long pid) {
    return rotation.members().stream().anyMatch(b -> b.id().equals(id) && b.pid() == pid);
  }

  List<Backend> inRotation() {
    return rotation.members();
  }

  /** Open connections per instance, draining processes included. */
  Map<InstanceId, Integer> connections() {
    Map<InstanceId, Integer> counts = new TreeMap<>();
    known.values().forEach(b -> counts.merge(b.id(), b.openConnections(), Integer::sum));
    return counts;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        CopyLoop loop = loops.next();
        Thread.ofVirtual().start(() -> Splice.connect(client, this, loop));
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        // EMFILE and the like: say it, and do not spin.
        LOG.log(System.Logger.Level.WARNING, app + ": accept failed: " + e);
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, app + ": closing the front port failed: " + e);
    }
  }

  private static String key(InstanceId id, long pid) {
    return id + "@" + pid;
  }

  static String describe(InetSocketAddress address) {
    return (address.getAddress().isAnyLocalAddress() ? "*" : address.getAddress().getHostAddress()) + ":"
        + address.getPort();
  }
}
