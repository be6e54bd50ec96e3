package dev.jpm.engine.supervise;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.function.IntConsumer;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The daemon's end of the channel that jpm's Node preload dials: one Unix socket ({@code JPM_HOME/node.sock}, 0600
 * in the 0700 home, a peer of another user refused), bound when the first Node app starts. Each run of a Node app
 * has a {@link Link}, named by a random token the run gets in {@code JPM_NODE_TOKEN}; the preload's first line names
 * it ({@code jpm1 TOKEN}). Then each line is one JSON message: the app's {@code process.send(m)} one way, messages
 * for {@code process.on('message')} (PM2's {@code "shutdown"}) the other. The preload's own report that the app
 * listens on a port is a line {@code !listen PORT}, which no JSON text can be. Why this and not Node's own IPC:
 * docs/decisions/0001-node-preload.md.
 *
 * <p>Threading: the accept loop and each connection run on virtual threads (a socket read parks; it pins no
 * carrier). A link's state is volatile; sends are serialised per link. Nothing an app sends can stop the loop: an
 * unknown token, a foreign user or a line over {@value #MAX_LINE} bytes costs that connection only.
 */
final class NodeChannel implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(NodeChannel.class.getName());
  static final int MAX_LINE = 64 * 1024;
  private static final String HELLO = "jpm1 ";
  private static final String READY = "\"ready\"";
  private static final String LISTENING = "!listen ";
  private static final SecureRandom TOKENS = new SecureRandom();
  /** The preload's longest pause between two dials (REDIAL_MAX_MS), and a margin. */
  private static final Duration REDIAL_PATIENCE = Duration.ofSeconds(6);
  private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

  private final Path socketPath;
  private final Map<String, Link> links = new ConcurrentHashMap<>();
  // Guarded by this.
  private ServerSocketChannel server;
  private boolean unavailable;
  private boolean closed;

  NodeChannel(Path socketPath) {
    this.socketPath = socketPath;
  }

  Path socketPath() {
    return socketPath;
  }

  /**
   * A new link for one run; {@code onReady} runs when the app says ready, {@code onListening} with the port each time
   * the preload reports the app listening on its port. Empty when the socket cannot be bound (a
   * warning is logged once): the app then runs without the channel, with its port still moved by the preload.
   */
  Optional<Link> open(Runnable onReady, IntConsumer onListening) {
    if (!listening()) return Optional.empty();
    byte[] random = new byte[16];
    TOKENS.nextBytes(random);
    Link link = new Link(HexFormat.of().formatHex(random), onReady, onListening, false);
    links.put(link.token, link);
    return Optional.of(link);
  }

  /**
   * The link of a run a previous daemon started, resumed under the token its environment holds: its preload dials
   * again when the old daemon's end hangs up. The run said ready long ago (it was adopted online). Empty when the
   * socket cannot be bound or the token is not one of ours.
   */
  Optional<Link> resume(String token, IntConsumer onListening) {
    if (token == null || !TOKEN.matcher(token).matches() || !listening()) return Optional.empty();
    Link link = new Link(token, () -> {}, onListening, true);
    return links.putIfAbsent(token, link) == null ? Optional.of(link) : Optional.empty();
  }

  private synchronized boolean listening() {
    if (server != null) return true;
    if (unavailable || closed) return false;
    try {
      Files.deleteIfExists(socketPath); // one daemon per home: a file here is a dead daemon's
      ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      bound.bind(UnixDomainSocketAddress.of(socketPath));
      Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
      String owner = Files.getOwner(socketPath).getName();
      server = bound;
      Thread.ofVirtual().name("jpm-node-accept").start(() -> acceptLoop(bound, owner));
      return true;
    } catch (IOException | RuntimeException e) {
      unavailable = true;
      LOG.log(Level.WARNING, "Node apps run without wait_ready and the shutdown message: cannot listen on "
          + socketPath + ": " + e);
      return false;
    }
  }

  private void acceptLoop(ServerSocketChannel bound, String owner) {
    while (bound.isOpen()) {
      try {
        SocketChannel peer = bound.accept();
        Thread.ofVirtual().name("jpm-node-link").start(() -> serve(peer, owner));
      } catch (ClosedChannelException done) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "accept on " + socketPath + " failed: " + e);
      }
    }
  }

  private void serve(SocketChannel peer, String owner) {
    Link link = null;
    try (peer; InputStream in = new BufferedInputStream(Channels.newInputStream(peer), 4096)) {
      UnixDomainPrincipal principal = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
      if (!principal.user().getName().equals(owner)) return;
      String hello = readLine(in);
      if (hello == null || !hello.startsWith(HELLO)) return;
      link = links.get(hello.substring(HELLO.length()));
      if (link == null || !link.attach(peer)) return; // a run that ended, or a second dialer of the same token
      for (String line = readLine(in); line != null; line = readLine(in)) link.received(line);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "a Node app's channel ended: " + e);
    } finally {
      if (link != null) link.detach(peer);
    }
  }

  /** One line without its newline, null at the end; the part of a longer line past {@value #MAX_LINE} is dropped. */
  private static String readLine(InputStream in) throws IOException {
    byte[] line = new byte[256];
    int length = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') return new String(line, 0, length, StandardCharsets.UTF_8);
      if (length == line.length && length < MAX_LINE) line = java.util.Arrays.copyOf(line, length * 2);
      if (length < line.length) line[length++] = (byte) b;
    }
    return null;
  }

  @Override
  public void close() {
    ServerSocketChannel bound;
    synchronized (this) {
      closed = true;
      bound = server;
      server = null;
    }
    links.values().forEach(Link::close);
    if (bound == null) return;
    try {
      bound.close();
      Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not remove " + socketPath + ": " + e);
    }
  }

  /** The channel of one run of a Node app. */
  final class Link implements AutoCloseable {

    private final String token;
    private final Runnable onReady;
    private final IntConsumer onListening;
    private volatile SocketChannel peer;
    private volatile boolean ready;
    private volatile boolean listened;
    private volatile boolean ended;
    /** A run a previous daemon started: its preload dials again on its own time. */
    private final boolean resumed;

    private Link(String token, Runnable onReady, IntConsumer onListening, boolean resumed) {
      this.token = token;
      this.onReady = onReady;
      this.onListening = onListening;
      this.resumed = resumed;
      this.ready = resumed; // adopted online, so it said ready (or needed not) long ago
      this.listened = resumed;
    }

    /** What the run's environment gets so that its preload finds this link. */
    Map<String, String> environment() {
      return Map.of("JPM_NODE_CHANNEL", socketPath.toString(), "JPM_NODE_TOKEN", token);
    }

    /** Whether the app called {@code process.send('ready')}. */
    boolean saidReady() {
      return ready;
    }

    /** Whether the preload reported the app listening on its port. */
    boolean listened() {
      return listened;
    }

    /**
     * Delivers {@code message} (JSON text) to the app's {@code process.on('message')}; false when its preload is not
     * connected, so the caller can fall back (a signal).
     */
    synchronized boolean send(String message) {
      if (!awaitPeer()) return false;
      SocketChannel connected = peer;
      try {
        ByteBuffer bytes = ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) connected.write(bytes);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    /**
     * Whether the preload is connected. A resumed link waits up to {@link #REDIAL_PATIENCE} for it: the preload of an
     * app a new daemon just adopted dials again within the preload's longest pause between attempts. Holds the
     * monitor.
     */
    private boolean awaitPeer() {
      long deadline = System.nanoTime() + (resumed ? REDIAL_PATIENCE.toNanos() : 0);
      while (peer == null && !ended) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return peer != null;
    }

    private synchronized boolean attach(SocketChannel dialer) {
      if (ended || peer != null) return false;
      peer = dialer;
      notifyAll();
      return true;
    }

    private synchronized void detach(SocketChannel dialer) {
      if (peer == dialer) peer = null;
    }

    private void received(String line) {
      if (!ready && line.equals(READY)) {
        ready = true;
        onReady.run();
      } else if (line.startsWith(LISTENING)) {
        listening(line.substring(LISTENING.length()));
      }
    }

    private void listening(String port) {
      try {
        int number = Integer.parseInt(port.trim());
        if (number <= 0 || number > 65_535) return;
        listened = true;
        onListening.accept(number);
      } catch (NumberFormatException ignored) {
        // Not the preload's line: an app cannot make the daemon listen on garbage.
      }
    }

    /** The run ended: forget the token, hang up. */
    @Override
    public void close() {
      SocketChannel connected;
      synchronized (this) {
        ended = true;
        connected = peer;
        peer = null;
        notifyAll();
      }
      links.remove(token);
      if (connected == null) return;
      try {
        connected.close();
      } catch (IOException ignored) {
        // Closing a socket the app may have closed first: nothing to do.
      }
    }
  }
}
