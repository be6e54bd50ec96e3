package dev.jpm.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PM2's {@code ecosystem.config.js} (and {@code .cjs}, {@code .mjs}): evaluated by the user's own {@code node} in a
 * child process, exactly as PM2 reads it ({@code require}, or {@code import} for ES modules), with the caller's
 * environment and working folder, and turned into JSON text for {@link EcosystemLoader}. jpm embeds no JS engine.
 * Everything that goes wrong (no {@code node}, a file that throws, loops, exports a function or a value JSON cannot
 * carry) comes back as located problems, never as an exception. Line numbers do not survive evaluation: the loader
 * is told so ({@link ConfigSource#located()}), and its problems name the app and key instead.
 */
public final class JavaScriptEcosystem {

  /** How long a file may take to evaluate unless {@value #TIMEOUT_VARIABLE} (milliseconds) says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The environment variable that changes {@link #DEFAULT_TIMEOUT}, in milliseconds. */
  public static final String TIMEOUT_VARIABLE = "JPM_JS_TIMEOUT_MS";

  private static final String PROBLEMS_MARK = "\u0000jpm:";

  /** The JSON text of the evaluated file, and whatever the file printed while it ran. */
  public sealed interface Evaluation {}

  /** @param json the exported configuration @param console what the file printed (its own console output) */
  public record Evaluated(String json, String console) implements Evaluation {}

  /** @param problems why there is no configuration, each naming the file, and the app and key where known */
  public record Failed(List<ConfigProblem> problems) implements Evaluation {}

  private JavaScriptEcosystem() {}

  /** Whether jpm evaluates {@code file} with node rather than reading it as YAML or JSON. */
  public static boolean isJavaScript(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".js") || name.endsWith(".cjs") || name.endsWith(".mjs");
  }

  /**
   * Runs {@code node} on {@code file} and waits for it, at most the timeout.
   *
   * @param file absolute path of the file
   * @param workingDirectory the caller's folder: {@code process.cwd()} in the file, as under PM2
   * @param environment the caller's environment: the file sees it as {@code process.env}; its {@code PATH} finds node
   */
  public static Evaluation evaluate(Path file, Path workingDirectory, Map<String, String> environment) {
    Optional<Path> node = NodeExecutable.find(environment);
    if (node.isEmpty())
      return failed(file, "evaluating a JavaScript ecosystem file needs Node.js, and there is no 'node' on PATH;"
          + " install Node.js, or write the same apps as ecosystem.yaml (YAML or JSON needs no node)");
    ProcessBuilder builder = new ProcessBuilder(node.get().toString(), "-e", Script.TEXT, file.toString())
        .directory(workingDirectory.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return failed(file, "cannot run " + node.get() + ": " + e.getMessage());
    }
    CompletableFuture<String> out = readAll(process.getInputStream());
    CompletableFuture<String> err = readAll(process.getErrorStream());
    Duration timeout = timeout(environment);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return failed(file, "node did not finish evaluating the file within " + timeout.toMillis() + " ms (an endless"
            + " loop, or the file waits for something); jpm stopped it. " + TIMEOUT_VARIABLE + " gives it longer");
      }
      // A grandchild the file started may hold the pipes open after node exited: wait no longer for them either.
      return outcome(file, process.exitValue(), out.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
          err.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return failed(file, "interrupted while node evaluated the file");
    } catch (ExecutionException | TimeoutException e) {
      return failed(file, "cannot read node's output: " + (e.getCause() == null ? e : e.getCause()).getMessage());
    }
  }

  private static Evaluation outcome(Path file, int exit, String out, String err) {
    int mark = err.indexOf(PROBLEMS_MARK);
    String console = mark < 0 ? err : err.substring(0, mark);
    if (mark >= 0) return new Failed(problems(file, err.substring(mark + PROBLEMS_MARK.length()).strip()));
    if (exit != 0)
      return failed(file, "node exited with code " + exit + " while evaluating the file" + lastLines(console));
    return new Evaluated(out, console);
  }

  private static List<ConfigProblem> problems(Path file, String json) {
    List<ConfigProblem> problems = new ArrayList<>();
    try {
      for (JsonNode problem : JsonMapper.shared().readTree(json)) {
        problems.add(new ConfigProblem(file.toString(), 0, 0, text(problem.path("app")), text(problem.path("field")),
            problem.path("message").asString()));
      }
    } catch (JacksonException e) {
      problems.add(new ConfigProblem(file.toString(), 0, 0, null, null, "node reported a problem jpm cannot read: " + json));
    }
    return problems;
  }

  private static String text(JsonNode node) {
    return node.isString() && !node.asString().isEmpty() ? node.asString() : null;
  }

  private static String lastLines(String console) {
    List<String> lines = console.strip().lines().toList();
    return lines.isEmpty() ? "" : ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private static Failed failed(Path file, String message) {
    return new Failed(List.of(new ConfigProblem(file.toString(), 0, 0, null, null, message)));
  }

  private static Duration timeout(Map<String, String> environment) {
    String value = environment.get(TIMEOUT_VARIABLE);
    if (value == null) return DEFAULT_TIMEOUT;
    try {
      long millis = Long.parseLong(value.strip());
      return millis > 0 ? Duration.ofMillis(millis) : DEFAULT_TIMEOUT;
    } catch (NumberFormatException notANumber) {
      return DEFAULT_TIMEOUT;
    }
  }

  private static CompletableFuture<String> readAll(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (stream) {
        text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.completeExceptionally(e);
      }
    });
    return text;
  }

  /**
   * The evaluating script, read on first use: {@link #isJavaScript} is asked of every file, and a YAML file must not
   * pay for a resource read (one that may open every jar on the class path before the engine's).
   */
  private static final class Script {
    static final String TEXT = read();

    private static String read() {
      try (InputStream in = JavaScriptEcosystem.class.getResourceAsStream("evaluate-ecosystem.js")) {
        if (in == null) throw new IllegalStateException("the engine jar lacks evaluate-ecosystem.js");
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Finds {@code node} on a PATH, as a shell would. */
  static final class NodeExecutable {

    private NodeExecutable() {}

    static Optional<Path> find(Map<String, String> environment) {
      String path = environment.getOrDefault("PATH", "");
      for (String folder : path.split(":")) {
        if (folder.isEmpty()) continue;
        Path candidate = Path.of(folder, "node");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
      }
      return Optional.empty();
    }
  }
}
