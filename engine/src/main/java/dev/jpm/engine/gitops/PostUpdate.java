package dev.jpm.engine.gitops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an app's {@code post_update} commands after its checkout moved: each through {@code sh -c} in the repository
 * root, in order, with the app's environment and a timeout, stopping at the first failure. Apps themselves are
 * launched by the supervisor; these are short build steps, so a plain {@link ProcessBuilder} is enough.
 */
final class PostUpdate {

  /** PM2's {@code exec_timeout} default. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  static final int TAIL_LINES = 20;

  /** The first command that failed: its exit code (-1 on timeout) and the last lines it printed. */
  record Failure(String command, int exitCode, String tail) {
    String describe() {
      String why = exitCode < 0 ? "timed out" : "exited with " + exitCode;
      return "post_update command `" + command + "` " + why + (tail.isEmpty() ? "" : ":\n" + tail);
    }
  }

  private final Duration timeout;

  PostUpdate(Duration timeout) {
    this.timeout = timeout;
  }

  /** Runs the commands; the first failure, or null when all succeeded. */
  Failure run(List<String> commands, Path root, Map<String, String> env) throws InterruptedException {
    for (String command : commands) {
      Failure failure = runOne(command, root, env);
      if (failure != null) return failure;
    }
    return null;
  }

  private Failure runOne(String command, Path root, Map<String, String> env) throws InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(root.toFile())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Failure(command, 127, e.getMessage());
    }
    Deque<String> tail = new ArrayDeque<>();
    Thread reader = Thread.ofVirtual().start(() -> keepTail(process.getInputStream(), tail));
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      reader.join(1000);
      return new Failure(command, -1, text(tail));
    }
    reader.join(timeout.toMillis());
    return process.exitValue() == 0 ? null : new Failure(command, process.exitValue(), text(tail));
  }

  private static void keepTail(InputStream output, Deque<String> tail) {
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(output, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) tail.removeFirst();
        }
      }
    } catch (IOException closed) {
      // The command was killed (timeout): what was read so far is the tail.
    }
  }

  private static String text(Deque<String> tail) {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }
}
