package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.client.DaemonClient;
import dev.jpm.cli.client.TableFrame;
import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Hidden: the launcher's training runs for the JDK's AOT caches of every verb but the quick ones ({@code ls} and
 * {@code logs} have their own). The JDK preloads every class of a cache at start-up, so the verbs that read
 * ecosystem files get a cache of their own ({@code --files}: {@code apply} and {@code diff} through picocli,
 * {@code apply} the quick way, {@code validate}), and the others one without YAML, JSON trees and the schema
 * validator ({@code ls --json} and {@code ping} through picocli): loading those classes would cost every
 * {@code ping} or {@code stop} some 20 ms. Each run makes real Unix-socket round trips, JSON both ways, against a
 * stand-in daemon in this process, so socket and security classes are in both caches.
 */
@Command(name = "aot-train", hidden = true)
public final class AotTrainCommand implements Callable<Integer> {

  private static final InstanceView ROW = new InstanceView("api", "api#0", 0, "default", "fork", 42, "online", 0, 0,
      1000, null, null, null, "/tmp/out.log", "/tmp/err.log", null, 1.5, 52_428_800L, "ready", 0, 0, 0, 0, 0, 0);

  @Option(names = "--files", description = "Train the verbs that read ecosystem files.")
  boolean files;

  @Override
  public Integer call() throws Exception {
    Path home = Files.createTempDirectory("jpm-aot-train");
    JpmHome jpmHome = new JpmHome(home);
    Path file = home.resolve("ecosystem.yaml");
    Path script = Files.writeString(home.resolve("app.sh"), "exec sleep 60\n");
    Files.writeString(file, "apps:\n  - name: api\n    script: app.sh\n    env:\n      GREETING: ${GREETING:-hi}\n");
    Map<String, String> environment = Map.of("JPM_HOME", home.toString());
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(jpmHome.socket()));
      Thread standIn = Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 3; i++) answerOnce(server);
      });
      List<Integer> exits = new ArrayList<>();
      List<Integer> expected;
      if (files) {
        for (String[] args : List.of(new String[] {"apply", file.toString()}, new String[] {"diff", file.toString()},
            new String[] {"validate", file.toString()}))
          exits.add(picocli(environment, args));
        StringWriter sink = new StringWriter();
        exits.add(dev.jpm.cli.QuickApply.run(new String[] {"apply", file.toString()}, environment, home,
            new PrintWriter(sink), new PrintWriter(sink)).orElse(-1));
        expected = List.of(ExitCode.OK, ExitCode.NOT_CONVERGED, ExitCode.OK, ExitCode.OK);
      } else {
        TableFrame.rows(new DaemonClient(jpmHome).sendEncoded(TableFrame.LIST_REQUEST)); // the plain-ls path
        exits.add(picocli(environment, "ls", "--json"));
        exits.add(picocli(environment, "ping"));
        expected = List.of(ExitCode.OK, ExitCode.OK);
      }
      // A path that failed half-way trained only its first half: say so (the launcher then keeps no cache). One that
      // stopped before its request (a refused file) leaves the stand-in waiting: closing the socket ends it.
      boolean walked = exits.equals(expected);
      if (!walked) server.close();
      standIn.join();
      return walked ? 0 : 1;
    } finally {
      Files.deleteIfExists(jpmHome.socket());
      Files.deleteIfExists(file);
      Files.deleteIfExists(script);
      Files.deleteIfExists(home);
    }
  }

  private static int picocli(Map<String, String> environment, String... args) {
    CommandLine cli = dev.jpm.cli.Main.commandLine(environment);
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  /** Answers one request as the daemon would, with a progress frame first where the daemon sends some. */
  private static void answerOnce(ServerSocketChannel server) {
    try (SocketChannel peer = server.accept()) {
      OutputStream out = Channels.newOutputStream(peer);
      Request request = Wire.read(Channels.newInputStream(peer), Request.class);
      Response answer = switch (request) {
        case Request.Apply apply -> {
          Wire.write(out, new Response.Progress("+ start api#0 (new app)"));
          yield new Response.Applied(List.of("+ start api#0 (new app)"), List.of(), List.of(), List.of(ROW));
        }
        case Request.Plan plan -> new Response.Planned(List.of("~ restart api#0 (env.GREETING changed)"), List.of(),
            false);
        case Request.Ping ping -> new Response.Pong(Wire.VERSION, 4242, 1000, 1);
        default -> new Response.Table(List.of(ROW));
      };
      Wire.write(out, answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
