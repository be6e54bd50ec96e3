package dev.jpm.engine.daemon;

import dev.jpm.engine.protocol.BadFrame;
import dev.jpm.engine.protocol.ErrorCode;
import dev.jpm.engine.protocol.Frames;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Serves the protocol on a Unix socket readable by the owner only, one request per connection, each on its own
 * virtual thread. A malformed, oversized or foreign request gets an error reply; connections, request bytes in
 * flight and the time to send a request are bounded ({@link RequestLimits}); nothing a peer sends can stop the
 * accept loop, not even an Error (which ends only the request it happened in).
 */
final class ControlServer implements AutoCloseable {

  /** Handles one request; may emit progress lines before returning the final response. */
  interface Handler {
    Response handle(Request request, Consumer<String> progress);

    /** Answers a streaming request ({@code jpm logs}) with frames until done or the peer goes; false if not one. */
    default boolean stream(Request request, LogStreamer.Sink frames) throws IOException {
      return false;
    }
  }

  private static final System.Logger LOG = System.getLogger(ControlServer.class.getName());

  private final Path socketPath;
  private final Handler handler;
  private final UserPrincipal owner;
  private final java.util.function.Consumer<Request> afterEnding;
  private final RequestLimits limits;
  private ServerSocketChannel server;

  /**
   * {@code afterEnding} gets the request once the reply to a {@link Request.Kill} or {@link Request.Update} has been
   * sent.
   */
  ControlServer(Path socketPath, Handler handler, UserPrincipal owner,
      java.util.function.Consumer<Request> afterEnding) {
    this(socketPath, handler, owner, afterEnding, new RequestLimits());
  }

  ControlServer(Path socketPath, Handler handler, UserPrincipal owner,
      java.util.function.Consumer<Request> afterEnding, RequestLimits limits) {
    this.limits = limits;
    this.socketPath = socketPath;
    this.handler = handler;
    this.owner = owner;
    this.afterEnding = afterEnding;
  }

  /** Binds the socket (replacing a stale file: the caller holds the daemon lock) and starts accepting. */
  void start() throws IOException {
    Files.deleteIfExists(socketPath);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socketPath));
    Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
    Thread.ofPlatform().name("jpm-accept").daemon(false).start(this::acceptLoop);
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel peer = server.accept();
        if (!limits.admitConnection()) {
          refuse(peer);
          continue;
        }
        Thread.ofVirtual().name("jpm-request").start(() -> {
          try {
            serve(peer);
          } finally {
            limits.connectionClosed();
          }
        });
      } catch (ClosedChannelException closed) {
        return;
      } catch (Throwable e) { // an Error too: a daemon that no longer accepts is alive but deaf
        LOG.log(Level.ERROR, "accept failed; accepting on", e);
        pause();
      }
    }
  }

  /** Every place is taken: the client hears why (a small frame fits the socket buffer), the others go on. */
  private static void refuse(SocketChannel peer) {
    try (peer) {
      java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
      Wire.write(frame, ErrorCode.BUSY.failure("the daemon has all the connections it takes open already; try "
          + "again in a moment"));
      peer.configureBlocking(false); // never wait on a client that reads nothing
      peer.write(java.nio.ByteBuffer.wrap(frame.toByteArray()));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "refusing a connection: " + e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(SocketChannel peer) {
    try (peer;
        InputStream in = Channels.newInputStream(peer);
        OutputStream out = Channels.newOutputStream(peer)) {
      if (!isOwner(peer)) {
        Wire.write(out, ErrorCode.BAD_REQUEST.failure("refused: this daemon serves only its owner " + owner.getName()));
        return;
      }
      Request request;
      var silent = limits.closeIfSilent(peer);
      try {
        request = readRequest(in);
      } catch (BadFrame bad) {
        Wire.write(out, bad.code().failure(bad.getMessage()));
        return;
      } finally {
        silent.cancel(false);
      }
      if (request == null) return;
      if (handler.stream(request, frame -> {
        synchronized (out) {
          Wire.write(out, frame);
        }
      })) return;
      Response response;
      try {
        // Verbs run apps in parallel and report from several threads: frames must not interleave.
        response = handler.handle(request, line -> sendProgress(out, line));
      } catch (RuntimeException | StackOverflowError bug) {
        LOG.log(Level.ERROR, "request " + request + " failed", bug);
        response = ErrorCode.INTERNAL.failure("the daemon failed on this request: " + bug
            + " (see " + socketPath.resolveSibling("daemon.log") + ")");
      }
      synchronized (out) {
        Wire.write(out, response);
      }
      // Kill stopped the apps before its reply; Update leaves them running for the next daemon to adopt.
      if (request instanceof Request.Kill || request instanceof Request.Update) afterEnding.accept(request);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "peer went away: " + e);
    } catch (RuntimeException | Error e) { // this request ends; the daemon and the other requests go on
      LOG.log(Level.ERROR, "a request failed unanswered", e);
    }
  }

  /** One request, its body read only once the daemon has room for it; null at a clean end of stream. */
  private Request readRequest(InputStream in) throws IOException {
    int length = Frames.readLength(in);
    if (length < 0) return null;
    try (java.io.Closeable room = limits.reserve(length)) {
      return Wire.decode(Frames.readBody(in, length), Request.class);
    }
  }

  private static void sendProgress(OutputStream out, String line) {
    try {
      synchronized (out) {
        Wire.write(out, new Response.Progress(line));
      }
    } catch (IOException peerGone) {
      // The CLI may have been interrupted; the request still runs to completion.
    }
  }

  private boolean isOwner(SocketChannel peer) throws IOException {
    UnixDomainPrincipal principal = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
    return principal.user().getName().equals(owner.getName());
  }

  @Override
  public void close() throws IOException {
    limits.close();
    if (server != null) server.close();
    Files.deleteIfExists(socketPath);
  }
}
