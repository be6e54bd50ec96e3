import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A tiny HTTP service for jpm's examples: answers every request with a greeting that names the instance. Reads
 * PORT and GREETING from its environment and finishes in-flight requests when jpm stops it (SIGINT).
 * Runs with `java HelloServer.java` (single-file source launch), so it needs nothing but a JDK.
 */
public class HelloServer {
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    String instance = System.getenv().getOrDefault("NODE_APP_INSTANCE", "0");
    String greeting = System.getenv().getOrDefault("GREETING", "hello");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
    server.createContext("/", exchange -> {
      byte[] body = (greeting + " from instance " + instance + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("instance " + instance + " stopping: finishing open requests");
      server.stop(1);
    }));
    server.start();
    System.out.println("instance " + instance + " listening on http://127.0.0.1:" + port + "/");
  }
}
