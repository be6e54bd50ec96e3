package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.Main;
import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.LogEntry;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Hidden: the launcher's training run for the CLI's one AOT cache. It runs the real verbs, each through the command
 * line {@code Main} builds for it (the verb alone registered), against a stand-in daemon in this process: real
 * Unix-socket round trips, the protocol's codec both ways, the renderers, and the config stack for the verbs that
 * read ecosystem files. Every verb must reach its expected exit code, or no cache is kept.
 */
@Command(name = "aot-train", hidden = true)
public final class AotTrainCommand implements Callable<Integer> {

  private static final InstanceView ROW = new InstanceView("api", "api#0", 0, "default", "fork", 42, "online", 0, 0,
      1000, null, null, null, "/tmp/out.log", "/tmp/err.log", null, 1.5, 52_428_800L, "ready", 0, 0, 0, 0, 0, 0);

  /**
   * The shapes users' files take (flow and block lists, durations and sizes as text or numbers, an env profile): a
   * class the cache lacks is looked up jar by jar, and a value that fails one branch of the schema's {@code anyOf}
   * (a duration written "1s") takes the validator down its error path.
   */
  private static final String TRAINING_FILE = """
      apps:
        - name: api
          script: app.sh
          args: [--port, "3000"]
          exec_mode: fork
          instances: 1
          min_uptime: 1s
          restart_delay: 500
          max_memory_restart: 200M
          autorestart: true
          env:
            GREETING: ${GREETING:-hi}
          env_production:
            GREETING: hello
        - name: worker
          script: app.sh
          args:
            - --queue
            - jobs
          kill_timeout: 3000
      """;

  @Override
  public Integer call() throws Exception {
    Path home = Files.createTempDirectory("jpm-aot-train");
    JpmHome jpmHome = new JpmHome(home);
    Path file = home.resolve("ecosystem.yaml");
    Path script = Files.writeString(home.resolve("app.sh"), "exec sleep 60\n");
    Files.writeString(file, TRAINING_FILE);
    Map<String, String> environment = Map.of("JPM_HOME", home.toString());
    Map<List<String>, Integer> verbs = new LinkedHashMap<>();
    verbs.put(List.of("ls"), ExitCode.OK);
    verbs.put(List.of("ls", "--json"), ExitCode.OK);
    verbs.put(List.of("logs", "--lines", "5", "--nostream"), ExitCode.OK);
    verbs.put(List.of("apply", file.toString()), ExitCode.OK);
    verbs.put(List.of("diff", file.toString()), ExitCode.NOT_CONVERGED);
    verbs.put(List.of("validate", file.toString()), ExitCode.OK);
    verbs.put(List.of("stop", "api"), ExitCode.OK);
    verbs.put(List.of("restart", "api"), ExitCode.OK);
    verbs.put(List.of("delete", "api"), ExitCode.OK);
    verbs.put(List.of("ping"), ExitCode.OK);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(jpmHome.socket()));
      Thread standIn = Thread.ofPlatform().daemon().start(() -> answerUntilClosed(server));
      boolean walked = true;
      for (Map.Entry<List<String>, Integer> verb : verbs.entrySet())
        walked &= run(environment, verb.getKey().toArray(String[]::new)) == verb.getValue();
      server.close();
      standIn.join();
      // A path that failed half-way trained only its first half: say so (the launcher then keeps no cache).
      return walked ? ExitCode.OK : ExitCode.FAILURE;
    } finally {
      Files.deleteIfExists(jpmHome.socket());
      Files.deleteIfExists(file);
      Files.deleteIfExists(script);
      Files.deleteIfExists(home);
    }
  }

  private static int run(Map<String, String> environment, String... args) {
    CommandLine cli = Main.forArguments(environment, false, args);
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  /** Answers each request as the daemon would, until the training closes the socket. */
  private static void answerUntilClosed(ServerSocketChannel server) {
    while (true) {
      try (SocketChannel peer = server.accept()) {
        answer(Wire.read(Channels.newInputStream(peer), Request.class), Channels.newOutputStream(peer));
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        // One failed exchange shows as its verb's exit code; the next verb gets a fresh connection.
      }
    }
  }

  /** The daemon's answer to {@code request}, with the progress and log frames the daemon sends before it. */
  private static void answer(Request request, OutputStream out) throws IOException {
    Response answer = switch (request) {
      case Request.Apply apply -> {
        Wire.write(out, new Response.Progress("+ start api#0 (new app)"));
        yield new Response.Applied(List.of("+ start api#0 (new app)"), List.of(), List.of(), List.of(ROW));
      }
      case Request.Control control -> new Response.Applied(List.of("- stop api#0 (jpm stop)"), List.of(),
          List.of(), List.of(ROW));
      case Request.Plan plan -> new Response.Planned(List.of("~ restart api#0 (env.GREETING changed)"), List.of(),
          false);
      case Request.Logs logs -> {
        Wire.write(out, new Response.LogBatch(List.of(new LogEntry("api", 0, "out", "listening on 8080", 0),
            new LogEntry("api", LogEntry.SHARED, "err", "a merged line", 0),
            new LogEntry("api", 0, "event", "started", 1_700_000_000_000L)), 0));
        yield new Response.Done("");
      }
      case Request.Ping ping -> new Response.Pong(Wire.VERSION, 4242, 1000, 1);
      default -> new Response.Table(List.of(ROW));
    };
    Wire.write(out, answer);
  }
}
