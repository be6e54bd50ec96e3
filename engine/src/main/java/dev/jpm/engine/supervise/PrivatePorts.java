package dev.jpm.engine.supervise;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out the private loopback ports that balanced instances listen on (given to them as {@code PORT}).
 *
 * <p>Ports come from a range below Linux's ephemeral range (32768-60999 by default), so the balancer's own outgoing
 * connections, which take ephemeral local ports, can never hold a port an instance is about to bind. A port is
 * handed out only when nobody listens on it, never twice while a run holds it, and the cursor moves on after each
 * grant, so a port just released (its old process may linger in its stop) is the last to be reused. The cursor
 * starts at a random place in the range: every daemon of the machine (one per user and {@code JPM_HOME}) probes the
 * same range, and two that started at its first port would hand out the same ports at the same moment, the
 * second instance to bind crashing with EADDRINUSE. Thread-safe.
 */
public final class PrivatePorts {

  /** The default range: high enough to avoid well-known services, below the ephemeral range. */
  public static final int FIRST = 20_000;
  public static final int LAST = 29_999;

  private final int first;
  private final int last;
  private final Set<Integer> held = new HashSet<>();
  private int cursor;

  public PrivatePorts(int first, int last) {
    if (first < 1 || last > 65_535 || first > last)
      throw new IllegalArgumentException("private port range must be within 1..65535, got " + first + ".." + last);
    this.first = first;
    this.last = last;
    this.cursor = first + java.util.concurrent.ThreadLocalRandom.current().nextInt(last - first + 1);
  }

  /** A free port, held until {@link #release}; throws when the whole range is taken. */
  public synchronized int acquire() {
    int size = last - first + 1;
    for (int tried = 0; tried < size; tried++) {
      int port = cursor;
      cursor = cursor == last ? first : cursor + 1;
      if (!held.contains(port) && isFree(port)) {
        held.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free private port in " + first + ".." + last);
  }

  /**
   * Holds {@code port}, which a process taken over from a previous daemon listens on, until {@link #release}; false
   * when this daemon already handed it out.
   */
  public synchronized boolean hold(int port) {
    return port >= first && port <= last && held.add(port);
  }

  public synchronized void release(int port) {
    held.remove(port);
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
