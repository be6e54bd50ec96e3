package dev.jpm.engine.reconcile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HTTP/1.1 server run as a real child process by the traffic tests: keep-alive, one virtual thread per
 * connection, answers {@code GREETING instance pid [client]}. It shuts down the way a well-behaved app does on the
 * stop signal: closes its listener, answers the requests already sent with {@code Connection: close}, closes idle
 * connections, then exits. Environment: {@code PORT}, {@code GREETING}, {@code START_DELAY_MS} (before listening),
 * {@code EXIT_CODE} (exit at once with it), {@code PROXY=1} (expect a PROXY v1 line first, echo the client),
 * {@code JPM_REUSEPORT=1} (bind with SO_REUSEPORT, sharing the port with its siblings), {@code ABRUPT=1} (exit at
 * once on the stop signal, cutting requests in flight: an app that does not shut down gracefully). A request for
 * {@code /slow} is answered after {@link #SLOW_MS}.
 */
public final class HttpFixture {

  static final long SLOW_MS = 1500;
  private static volatile boolean stopping;
  private static final Set<Connection> OPEN = ConcurrentHashMap.newKeySet();

  public static void main(String[] args) throws Exception {
    var env = System.getenv();
    if (env.containsKey("EXIT_CODE")) {
      System.out.println("exiting with " + env.get("EXIT_CODE"));
      System.exit(Integer.parseInt(env.get("EXIT_CODE")));
    }
    Thread.sleep(Long.parseLong(env.getOrDefault("START_DELAY_MS", "0")));
    int port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
    String greeting = env.getOrDefault("GREETING", "hello") + " " + env.getOrDefault("NODE_APP_INSTANCE", "0") + " "
        + ProcessHandle.current().pid();
    boolean proxy = "1".equals(env.get("PROXY"));
    ServerSocket server = new ServerSocket();
    if ("1".equals(env.get("JPM_REUSEPORT"))) server.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    boolean abrupt = "1".equals(env.get("ABRUPT"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (abrupt) Runtime.getRuntime().halt(130);
      shutDown(server);
    }));
    System.out.println("listening on " + port);
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Connection connection = new Connection(socket, greeting, proxy);
        OPEN.add(connection);
        Thread.ofVirtual().start(connection);
      } catch (IOException closed) {
        break;
      }
    }
    Thread.sleep(Long.MAX_VALUE); // the shutdown hook ends the process
  }

  private static void shutDown(ServerSocket server) {
    stopping = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // Already closed.
    }
    long deadline = System.nanoTime() + 3_000_000_000L;
    OPEN.forEach(Connection::closeIfIdle);
    while (!OPEN.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
      OPEN.forEach(Connection::closeIfIdle);
    }
  }

  private static final class Connection implements Runnable {
    private final Socket socket;
    private final String greeting;
    private final boolean proxy;
    private volatile boolean busy;

    Connection(Socket socket, String greeting, boolean proxy) {
      this.socket = socket;
      this.greeting = greeting;
      this.proxy = proxy;
    }

    /** Idle = waiting for the next request with nothing of it read yet: closing it loses nothing. */
    synchronized void closeIfIdle() {
      if (busy) return;
      try {
        socket.close();
      } catch (IOException ignored) {
        // Gone already.
      }
    }

    @Override
    public void run() {
      try (socket) {
        socket.setTcpNoDelay(true);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        String client = proxy ? readLine(in) : null;
        while (true) {
          int first = in.read();
          if (first < 0) return;
          synchronized (this) {
            busy = true;
          }
          String requestLine = (char) first + readLine(in);
          long contentLength = 0;
          for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            if (header.toLowerCase().startsWith("content-length:"))
              contentLength = Long.parseLong(header.substring(15).trim());
          }
          in.skipNBytes(contentLength);
          if (requestLine.split(" ")[1].equals("/slow")) sleep(SLOW_MS);
          boolean close = stopping;
          String body = greeting + (client != null ? " [" + client + "]" : "") + " " + requestLine.split(" ")[1] + "\n";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length
              + (close ? "\r\nConnection: close" : "") + "\r\n\r\n";
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          out.write(bytes);
          out.flush();
          synchronized (this) {
            busy = false;
          }
          if (close) return;
        }
      } catch (IOException e) {
        // The client or the shutdown closed it.
      } finally {
        OPEN.remove(this);
      }
    }

    private static void sleep(long ms) throws IOException {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        throw new IOException("interrupted", e);
      }
    }

    private static String readLine(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') line.append((char) c);
      if (c < 0 && line.isEmpty()) throw new IOException("end of stream");
      return line.toString();
    }
  }
}
