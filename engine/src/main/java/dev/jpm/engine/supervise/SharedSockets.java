package dev.jpm.engine.supervise;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.os.ListeningSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The listening sockets of apps whose instances {@link AppSpec#inheritsSocket() inherit one} (socket activation),
 * one per app, opened by the first launch and held by the daemon for as long as the app exists: across a reload the
 * socket never closes, so a connection that arrives while an old instance stops and its replacement starts waits in
 * the queue for whichever instance accepts next. A changed host or port opens a new socket for the next launches
 * (the running instances keep theirs until they stop). Thread-safe.
 */
final class SharedSockets implements AutoCloseable {

  private final Map<String, ListeningSocket> byApp = new HashMap<>();

  /** The descriptor a launch of {@code spec} passes on as fd 3, opening the socket when the app has none yet. */
  synchronized int fdFor(AppSpec spec) throws IOException {
    InetSocketAddress address = address(spec.traffic().host(), spec.port());
    ListeningSocket open = byApp.get(spec.name());
    if (open != null && open.address().equals(address)) return open.fd();
    ListeningSocket opened;
    try {
      opened = ListeningSocket.open(address);
    } catch (IOException e) {
      throw new IOException(spec.name() + ": " + e.getMessage() + " (socket_activation: jpm listens there for the "
          + "instances)", e);
    }
    if (open != null) open.close();
    byApp.put(spec.name(), opened);
    return opened.fd();
  }

  /**
   * The daemon adopted process {@code pid} of {@code spec} (a predecessor started it): takes a copy of the socket it
   * inherited, which the next launches pass on, since the port cannot be bound again while the adopted instances hold
   * it. Keeps a socket the app has already; false when none could be taken (the next launch tries to bind).
   */
  synchronized boolean adoptFrom(AppSpec spec, long pid) {
    return keep(spec, address -> ListeningSocket.takenFrom(pid, address));
  }

  /**
   * {@code spec} moves from the balancer to an inherited socket: takes a copy of the daemon's own front port on its
   * address, so that the instances accept from the socket clients already connect to (the front port may then close
   * without refusing or resetting anyone). Keeps a socket the app has already; false when there is no such port.
   */
  synchronized boolean adoptFrontPort(AppSpec spec) {
    return keep(spec, ListeningSocket::copyOfOwn);
  }

  private boolean keep(AppSpec spec, Function<InetSocketAddress, Optional<ListeningSocket>> source) {
    InetSocketAddress address;
    try {
      address = address(spec.traffic().host(), spec.port());
    } catch (IOException unresolved) {
      return false; // the launch says why, as it binds
    }
    ListeningSocket open = byApp.get(spec.name());
    if (open != null && open.address().equals(address)) return true;
    Optional<ListeningSocket> taken = source.apply(address);
    if (taken.isEmpty()) return false;
    if (open != null) open.close();
    byApp.put(spec.name(), taken.get());
    return true;
  }

  /** The app is gone or no longer inherits a socket: the daemon's copy closes (instances still running keep theirs). */
  synchronized void release(String app) {
    ListeningSocket open = byApp.remove(app);
    if (open != null) open.close();
  }

  private static InetSocketAddress address(String host, int port) throws IOException {
    boolean any = host == null || host.isBlank() || host.equals("*") || host.equals("0.0.0.0");
    return any ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(host), port);
  }

  @Override
  public synchronized void close() {
    byApp.values().forEach(ListeningSocket::close);
    byApp.clear();
  }
}
