package dev.jpm.engine.daemon;

import dev.jpm.engine.protocol.BadFrame;
import dev.jpm.engine.protocol.ErrorCode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What clients may hold of the daemon at once, so that no number of them can fill its heap or its threads: open
 * connections, bytes of requests being read (a frame's body is reserved before it is read, at most {@link
 * dev.jpm.engine.protocol.Frames#MAX_FRAME} each), and the time a connection may take to send its request (an idle
 * connection is closed then). Past a limit, that client alone is refused; the daemon and the others go on.
 */
final class RequestLimits implements AutoCloseable {

  /** Far above what people and scripts open (each {@code jpm logs -f} holds one), far below the heap's reach. */
  static final int CONNECTIONS = 256;
  /** A quarter of the daemon's 96 MiB heap; one request of the largest size is 8 MiB. */
  static final int BYTES_IN_FLIGHT = 24 * 1024 * 1024;
  /** The CLI sends its request at once; a connection silent this long is a stray or an attack. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final System.Logger LOG = System.getLogger(RequestLimits.class.getName());

  private final Semaphore connections;
  private final Semaphore bytes;
  private final int bytesInFlight;
  private final Duration requestTimeout;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "jpm-request-timeouts");
    thread.setDaemon(true);
    return thread;
  });

  RequestLimits() {
    this(CONNECTIONS, BYTES_IN_FLIGHT, REQUEST_TIMEOUT);
  }

  RequestLimits(int connections, int bytesInFlight, Duration requestTimeout) {
    this.connections = new Semaphore(connections);
    this.bytes = new Semaphore(bytesInFlight);
    this.bytesInFlight = bytesInFlight;
    this.requestTimeout = requestTimeout;
  }

  /** A connection's place; false when every place is taken (the caller tells the client and closes). */
  boolean admitConnection() {
    return connections.tryAcquire();
  }

  void connectionClosed() {
    connections.release();
  }

  /** Closes {@code peer} unless the returned task is cancelled first, once its request has been read. */
  ScheduledFuture<?> closeIfSilent(SocketChannel peer) {
    return timer.schedule(() -> {
      LOG.log(System.Logger.Level.INFO, "closed a connection that sent no request in "
          + requestTimeout.toSeconds() + " s");
      try {
        peer.close();
      } catch (IOException ignored) {
        // Closing is all there was to do.
      }
    }, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Room for a request body of {@code length} bytes while it is read and decoded; refused when the total is spent. */
  Closeable reserve(int length) throws BadFrame {
    if (!bytes.tryAcquire(length))
      throw new BadFrame(ErrorCode.BUSY, "the daemon is reading as many requests as it takes at once ("
          + bytesInFlight + " bytes); try again in a moment");
    return () -> bytes.release(length);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
