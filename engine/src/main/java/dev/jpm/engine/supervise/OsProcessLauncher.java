package dev.jpm.engine.supervise;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Starts real processes: the one place that builds a {@link ProcessBuilder}. The argv is prefixed with
 * {@code setsid}: a child of the JVM is never a process group leader, so {@code setsid} calls {@code setsid(2)}
 * and execs the command in place; the pid stays the same and the process leads a new session and process group,
 * which is what lets a stop signal its whole tree. stdin is {@code /dev/null}; the environment is exactly the
 * request's.
 */
public final class OsProcessLauncher implements ProcessLauncher {

  private static final File DEV_NULL = new File("/dev/null");

  private final String setsid;

  public OsProcessLauncher() {
    this.setsid = Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid" : "setsid";
  }

  @Override
  public LaunchedProcess launch(LaunchRequest request) throws IOException {
    if (!Files.isDirectory(request.cwd())) throw new IOException("cwd " + request.cwd() + " is not a directory");
    String program = resolve(request.command().getFirst(), request);
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(setsid);
    builder.command().add(program);
    builder.command().addAll(request.command().subList(1, request.command().size()));
    builder.directory(request.cwd().toFile());
    builder.environment().clear();
    builder.environment().putAll(request.env());
    builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
    builder.redirectOutput(request.pipeStdout() ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(request.pipeStderr() ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    long startMs = process.toHandle().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    return new OsProcess(process, startMs);
  }

  /**
   * The executable as a path: {@code setsid} would only fail after the fork, as an exit status indistinguishable
   * from a crash, so a missing program is reported here as a failed launch instead.
   */
  private static String resolve(String program, LaunchRequest request) throws IOException {
    if (program.contains("/")) {
      Path path = request.cwd().resolve(program);
      if (Files.isExecutable(path) && !Files.isDirectory(path)) return path.toString();
      throw new IOException("cannot execute " + path + ": no such executable file");
    }
    String searchPath = request.env().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : searchPath.split(":")) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) return candidate.toString();
    }
    throw new IOException("command '" + program + "' not found in PATH " + searchPath);
  }

  private record OsProcess(Process process, long startMs) implements LaunchedProcess {

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public InputStream stdout() {
      return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
      return process.getErrorStream();
    }

    @Override
    public CompletableFuture<Integer> onExit() {
      return process.onExit().thenApply(Process::exitValue);
    }
  }
}
