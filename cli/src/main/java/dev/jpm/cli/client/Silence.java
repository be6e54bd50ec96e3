package dev.jpm.cli.client;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How long the CLI waits for a daemon that says nothing: every frame (an answer, a progress line, a log batch or a
 * follower's heartbeat) starts the wait over; after {@code limitMs} of silence the connection is closed, so a
 * wedged daemon costs a command that much, never forever. One daemon thread per connection, parked, not polling.
 */
final class Silence implements AutoCloseable {

  /** Default: far beyond any single step a daemon takes without a progress line, short of "forever". */
  static final long DEFAULT_LIMIT_MS = 120_000;
  static final String LIMIT_VARIABLE = "JPM_TIMEOUT";

  private final SocketChannel channel;
  private final long limitNanos;
  private final Thread watcher;
  private volatile long lastHeardNanos = System.nanoTime();
  private volatile boolean closed;
  private volatile boolean fired;

  private Silence(SocketChannel channel, long limitMs) {
    this.channel = channel;
    this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMs);
    this.watcher = Thread.ofPlatform().daemon(true).name("jpm-silence").start(this::watch);
  }

  static Silence watch(SocketChannel channel, long limitMs) {
    return new Silence(channel, limitMs);
  }

  /** The limit {@value #LIMIT_VARIABLE} (seconds) gives when it is a positive number, else the default. */
  static long limitMs(String seconds) {
    if (seconds == null) return DEFAULT_LIMIT_MS;
    try {
      long value = Long.parseLong(seconds.strip());
      return value > 0 ? TimeUnit.SECONDS.toMillis(value) : DEFAULT_LIMIT_MS;
    } catch (NumberFormatException notANumber) {
      return DEFAULT_LIMIT_MS;
    }
  }

  /** A frame came: the wait starts over. */
  void heard() {
    lastHeardNanos = System.nanoTime();
  }

  /** The failure to report instead of {@code e} when the silence closed the connection. */
  IOException explain(IOException e) {
    if (!fired) return e;
    return new IOException("the daemon said nothing for " + TimeUnit.NANOSECONDS.toSeconds(limitNanos)
        + " s, so the command gave up (the daemon may be wedged: jpm kill, or kill -9 the pid in JPM_HOME/daemon.pid;"
        + " the next command starts a fresh one; " + LIMIT_VARIABLE + "=SECONDS waits longer)", e);
  }

  private void watch() {
    while (!closed) {
      long quiet = System.nanoTime() - lastHeardNanos;
      if (quiet >= limitNanos) {
        fired = true;
        try {
          channel.close();
        } catch (IOException ignored) {
          // Closing is the whole point; the reader sees it either way.
        }
        return;
      }
      LockSupport.parkNanos(limitNanos - quiet);
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(watcher);
  }
}
