package dev.jpm.engine.daemon;

import dev.jpm.engine.protocol.BadFrame;
import dev.jpm.engine.protocol.ErrorCode;
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
 * virtual thread. A malformed, oversized or foreign request gets an error reply; nothing a peer sends can stop
 * the accept loop.
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
  private ServerSocketChannel server;

  /**
   * {@code afterEnding} gets the request once the reply to a {@link Request.Kill} or {@link Request.Update} has been
   * sent.
   */
  ControlServer(Path socketPath, Handler handler, UserPrincipal owner,
      java.util.function.Consumer<Request> afterEnding) {
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
        Thread.ofVirtual().name("jpm-request").start(() -> serve(peer));
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "accept failed: " + e);
      }
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
      try {
        request = Wire.read(in, Request.class);
      } catch (BadFrame bad) {
        Wire.write(out, bad.code().failure(bad.getMessage()));
        return;
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
      } catch (RuntimeException bug) {
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
    if (server != null) server.close();
    Files.deleteIfExists(socketPath);
  }
}
