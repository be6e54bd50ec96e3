package dev.jpm.engine.health;

import dev.jpm.engine.model.HealthCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One check of a process on loopback: a TCP connection accepted, or an HTTP GET answered with a 2xx status. Speaks
 * just enough HTTP/1.1 itself (one request, {@code Connection: close}, read the status line) so a check costs one
 * short connection and no client library.
 */
final class Probe {

  /** The outcome; {@code detail} says why a check failed, for the reason shown to the user. */
  record Result(boolean passed, String detail) {
    static final Result PASSED = new Result(true, "passed");
  }

  private Probe() {}

  static Result tcp(int port, long timeoutMs) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeoutMs);
      return Result.PASSED;
    } catch (IOException e) {
      return new Result(false, "port " + port + ": " + e.getMessage());
    }
  }

  static Result http(int port, String path, long timeoutMs) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeoutMs);
      socket.setSoTimeout((int) timeoutMs);
      String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nUser-Agent: jpm-health\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String status = statusLine(socket.getInputStream());
      String[] parts = status.split(" ", 3);
      if (parts.length >= 2 && parts[0].startsWith("HTTP/") && parts[1].startsWith("2")) return Result.PASSED;
      return new Result(false, "GET " + path + " on port " + port + " answered '" + status + "'");
    } catch (IOException e) {
      return new Result(false, "GET " + path + " on port " + port + ": " + e.getMessage());
    }
  }

  static Result check(HealthCheck check, int port) {
    return check.type() == HealthCheck.Type.HTTP
        ? http(port, check.path(), check.timeoutMs())
        : tcp(port, check.timeoutMs());
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) if (c != '\r') line.append((char) c);
    return line.toString();
  }
}
