package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.os.Liveness;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the real CLI in-process ({@code CommandLine.execute} with captured writers) against a real daemon on a
 * private {@code JPM_HOME}, and ends that daemon (by its pid) and every process it left, afterwards.
 */
final class JpmHarness implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

  /** What one command printed and returned. */
  record Result(int exit, String out, String err) {
    Result expectExit(int expected) {
      assertThat(exit).as("exit code of a jpm command; out:%n%s%nerr:%n%s", out, err).isEqualTo(expected);
      return this;
    }
  }

  Path home;
  Path work;
  private Path folder;
  private final Map<String, String> environment = new HashMap<>();
  private final Map<Long, java.time.Instant> pidsSeen = new HashMap<>();

  /** For {@code @RegisterExtension}: a private home and work folder, and the environment, from each test's start. */
  JpmHarness() {}

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    folder = Files.createTempDirectory("jpm-cli-it");
    this.home = Files.createDirectories(folder.resolve("home"));
    this.work = Files.createDirectories(folder.resolve("work"));
    environment.put("JPM_HOME", home.toString());
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("HOME", System.getProperty("user.home"));
    environment.put("NO_COLOR", "1");
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    }
  }

  /** The environment commands run with. */
  Map<String, String> environment() {
    return Map.copyOf(environment);
  }

  void setEnv(String name, String value) {
    environment.put(name, value);
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine(environment);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** Runs a command whose output goes to {@code out} as it comes (for commands that stream). */
  int runStreaming(java.io.Writer out, String... args) {
    var cli = Main.commandLine(environment);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  /** Writes a file under the work folder and returns its absolute path. */
  Path write(String relative, String content) throws IOException {
    Path file = work.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  /** {@code jpm ls --json}, one node per instance. */
  List<JsonNode> instances() {
    Result ls = run("ls", "--json").expectExit(0);
    List<JsonNode> rows = new ArrayList<>();
    JsonMapper.shared().readTree(ls.out()).forEach(rows::add);
    rows.forEach(row -> {
      long pid = row.path("pid").asLong();
      if (pid > 0) ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).ifPresent(t -> pidsSeen.put(pid, t));
    });
    return rows;
  }

  JsonNode instance(String id) {
    return instances().stream().filter(r -> r.path("id").asString().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no instance " + id + " in " + instances()));
  }

  long pid(String id) {
    return instance(id).path("pid").asLong();
  }

  String status(String id) {
    return instance(id).path("status").asString();
  }

  Optional<Long> daemonPid() {
    try {
      return Optional.of(Long.parseLong(Files.readString(home.resolve("daemon.pid")).trim()));
    } catch (IOException | NumberFormatException none) {
      return Optional.empty();
    }
  }

  /** Running: a zombie (exited, waiting for PID 1 to reap it) counts as gone. */
  static boolean alive(long pid) {
    return Liveness.isRunning(pid);
  }

  static void awaitGone(long pid) {
    await().atMost(Duration.ofSeconds(15)).until(() -> !alive(pid));
  }

  /** Stops the daemon and everything it ran; ends stragglers it knew of by pid. */
  @Override
  public void close() {
    Optional<Long> daemon = daemonPid();
    try {
      if (daemon.isPresent() && alive(daemon.get())) {
        instances();
        run("kill");
      }
    } finally {
      daemon.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
      // Only a process that is still the one we saw (same start time): pids get reused.
      pidsSeen.forEach((pid, started) -> {
        ProcessHandle.of(pid).filter(p -> p.info().startInstant().equals(Optional.of(started))).ifPresent(p -> {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        });
      });
    }
  }
}
