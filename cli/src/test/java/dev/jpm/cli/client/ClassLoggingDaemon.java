package dev.jpm.cli.client;

import static org.awaitility.Awaitility.await;

import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.os.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real daemon on a temporary {@code JPM_HOME} whose JVM logs the classes it loads (and unloads) to a file: what a
 * daemon keeps resident, read from the JVM itself. Register with {@code @RegisterExtension}; the daemon started is
 * ended by pid after each test if {@link #kill()} did not end it.
 */
final class ClassLoggingDaemon implements AfterEachCallback {

  private final String tags;
  private Path dir;
  private JpmHome home;
  private Long pid;

  /** @param tags what {@code -Xlog} records, e.g. {@code class+load=info} */
  ClassLoggingDaemon(String tags) {
    this.tags = tags;
  }

  /** A client whose first request starts the daemon with these JVM flags added. */
  DaemonClient client(String... extraFlags) throws IOException {
    dir = Files.createTempDirectory("jpm-classes");
    home = new JpmHome(dir.resolve("home"));
    List<String> flags = new ArrayList<>(List.of("-Xlog:" + tags + ":file=" + classLog()));
    flags.addAll(List.of(extraFlags));
    return DaemonClient.withDaemonFlags(home, flags);
  }

  /** A folder for the test's own files. */
  Path dir() {
    return dir;
  }

  Path classLog() {
    return dir.resolve("classes.log");
  }

  /** The class log's text. */
  String log() throws IOException {
    return Files.readString(classLog());
  }

  /** Stops the daemon through the protocol and waits until its process is gone (its log is then complete). */
  void kill(DaemonClient client) throws IOException {
    long daemon = pid();
    client.send(new Request.Kill(), line -> {});
    await().atMost(Duration.ofSeconds(15)).until(() -> !Liveness.isRunning(daemon));
  }

  private long pid() throws IOException {
    if (pid == null) pid = Long.parseLong(Files.readString(home.dir().resolve("daemon.pid")).trim());
    return pid;
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (home == null) return;
    if (pid == null && Files.exists(home.dir().resolve("daemon.pid"))) pid();
    if (pid != null) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
