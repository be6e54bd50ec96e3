package dev.jpm.engine.balance;

import dev.jpm.engine.model.InstanceId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listening socket of one balanced app with its backends: one virtual thread accepts, a short-lived virtual
 * thread connects each client to a backend, and the shared copy loops move the bytes. Backends stay known while
 * they drain so their open connections can be shown.
 *
 * <p>The socket is bound with {@code SO_REUSEPORT} so that the daemon that replaces this one ({@code jpm update})
 * can listen on the same port before this one stops: the kernel then spreads new connections over both, and this
 * one {@link #closeAfterQueue() closes} only once its accept queue is empty, so no client is refused across the
 * hand-over. Only a successor joins on purpose: any other bind first checks with a plain socket that no one
 * listens there, so two daemons (two homes) never share a port by accident.
 */
final class FrontPort implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(FrontPort.class.getName());
  private static final int BACKLOG = 1024;
  /** How often the accept loop looks up from an idle socket, to see whether it must close. */
  private static final int ACCEPT_POLL_MS = 200;
  /**
   * How long a successor's new front port holds a client while its adopted processes are not admitted yet (they are
   * within milliseconds: their readiness check passes at once), instead of refusing it.
   */
  private static final long JOIN_GRACE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
  /** How long {@link #close()} waits for the accept loop to leave, which releases the port. */
  private static final java.time.Duration RELEASE_PATIENCE = java.time.Duration.ofSeconds(2);

  private final String app;
  private final ServerSocketChannel server;
  private final InetSocketAddress requested;
  private final Rotation rotation = new Rotation();
  private final Map<String, Backend> known = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean proxyProtocol;
  private volatile boolean closing;
  /** Until when (System.nanoTime) a client that finds no backend waits for one; 0 = never waits. */
  private final long graceUntilNanos;

  private final CopyLoops loops;
  private final Thread acceptor;

  /** @param join listen beside the predecessor's socket on the same port (the successor of a hand-over) */
  FrontPort(String app, InetSocketAddress address, boolean proxyProtocol, CopyLoops loops, boolean join)
      throws IOException {
    this.app = app;
    this.loops = loops;
    this.requested = address;
    this.proxyProtocol = proxyProtocol;
    this.graceUntilNanos = join ? System.nanoTime() + JOIN_GRACE_NANOS : 0;
    this.server = ServerSocketChannel.open();
    try {
      if (!join) requireFree(address);
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      server.bind(address, BACKLOG);
      server.socket().setSoTimeout(ACCEPT_POLL_MS);
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot listen on " + describe(address) + " for " + app + ": " + e.getMessage(), e);
    }
    acceptor = Thread.ofVirtual().name("jpm-front-" + app).start(this::acceptLoop);
  }

  /** Fails when something listens on {@code address}: a socket without SO_REUSEPORT cannot bind beside it. */
  private static void requireFree(InetSocketAddress address) throws IOException {
    try (ServerSocketChannel probe = ServerSocketChannel.open()) {
      probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      probe.bind(address, 1);
    }
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

  /**
   * The backends to try, in turn; on a successor's new socket, waits (briefly) for the first one to be admitted
   * rather than refuse a client that the predecessor would have served.
   */
  List<Backend> backendsInTurn() throws InterruptedException {
    List<Backend> turn = rotation.inTurn();
    long left = graceUntilNanos - System.nanoTime();
    return turn.isEmpty() && graceUntilNanos != 0 && left > 0 ? rotation.awaitMembers(left) : turn;
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
        // The socket adaptor's accept honours SO_TIMEOUT, the channel's does not.
        SocketChannel client = server.socket().accept().getChannel();
        CopyLoop loop = loops.next();
        Thread.ofVirtual().start(() -> Splice.connect(client, this, loop));
      } catch (java.net.SocketTimeoutException idle) {
        if (closing) close(); // nothing is queued: a client from now on goes to the successor's socket
      } catch (IOException e) {
        if (!server.isOpen()) return; // closed: the adaptor says so with a SocketException
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

  /**
   * Closes once the accept queue is empty (a short look finds no client waiting), so that every client that reached
   * this socket is served; meanwhile a successor listening on the same port takes the new ones. Returns at once.
   */
  void closeAfterQueue() {
    try {
      server.socket().setSoTimeout(1);
    } catch (IOException e) {
      close();
      return;
    }
    closing = true;
  }

  boolean isOpen() {
    return server.isOpen();
  }

  /**
   * Closes the port and returns once it is released. A virtual thread parked in {@code accept} closes the socket
   * itself as it leaves, after {@code close()} returned: a bind of the same address at once (the first launch of an
   * app that moved to an inherited socket) would fail with EADDRINUSE, so this waits for the accept loop to end.
   */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, app + ": closing the front port failed: " + e);
    }
    if (Thread.currentThread() == acceptor) return; // the loop closing after its queue: it leaves next
    try {
      if (!acceptor.join(RELEASE_PATIENCE))
        LOG.log(System.Logger.Level.WARNING, app + ": the front port's accept loop outlived " + RELEASE_PATIENCE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
