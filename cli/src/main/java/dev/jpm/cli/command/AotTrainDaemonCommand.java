package dev.jpm.cli.command;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.os.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Hidden: the launcher's training run for the daemon's AOT cache. Starts a daemon on a temporary home with
 * {@code -XX:AOTCacheOutput}, walks it through what users do first (plan a file, apply it, list,
 * show, stop, start, restart, delete, kill) and waits until it exited, which is when the JVM writes the cache.
 */
@Command(name = "aot-train-daemon", hidden = true)
public final class AotTrainDaemonCommand implements Callable<Integer> {

  private static final String ECOSYSTEM = """
      apps:
        - name: trainee
          script: app.sh
          instances: 2
          min_uptime: 100ms
          kill_timeout: 500ms
          env:
            GREETING: hello
          env_production:
            GREETING: hello from production
      """;

  @Parameters(index = "0", paramLabel = "CACHE", description = "The AOT cache file to write.")
  Path cache;

  @Override
  public Integer call() throws IOException {
    Path temp = Files.createTempDirectory("jpm-aot-daemon");
    try {
      Path file = temp.resolve("ecosystem.yaml");
      Files.writeString(temp.resolve("app.sh"), "trap 'exit 0' INT TERM\nwhile true; do sleep 1 & wait $!; done\n");
      Files.writeString(file, ECOSYSTEM);
      JpmHome home = new JpmHome(temp.resolve("home"));
      DaemonClient client = DaemonClient.withDaemonFlags(home,
          List.of("-XX:AOTCacheOutput=" + cache.toAbsolutePath()));
      LoadResult loaded = EcosystemFile.load(home, temp, file.toString(), "production", Map.of());
      if (!loaded.ok()) throw new IOException("training file refused: " + loaded.errors());
      for (Request request : List.of(new Request.Plan(loaded.desired(), false, List.of()),
          new Request.Apply(loaded.desired(), false, List.of()), new Request.List(), new Request.Show("trainee"),
          new Request.Control(Request.Verb.STOP, List.of("trainee#1")),
          new Request.Control(Request.Verb.START, List.of("trainee#1")),
          new Request.Control(Request.Verb.RESTART, List.of("trainee#0")),
          new Request.Control(Request.Verb.DELETE, List.of("all")))) {
        if (client.send(request, line -> {}) instanceof Response.Failure failure)
          throw new IOException("training request failed: " + failure.message());
      }
      long daemon = Long.parseLong(Files.readString(home.dir().resolve("daemon.pid")).trim());
      client.send(new Request.Kill(), line -> {});
      awaitExit(daemon);
      return Files.isRegularFile(cache) ? 0 : 1;
    } finally {
      deleteTree(temp);
    }
  }

  /** The daemon writes its cache as it exits (assembling it can take seconds). */
  private static void awaitExit(long pid) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (Liveness.isRunning(pid) && System.nanoTime() < deadline)
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    }
  }
}
