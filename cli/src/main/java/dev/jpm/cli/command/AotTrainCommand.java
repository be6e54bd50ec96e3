package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.client.DaemonClient;
import dev.jpm.cli.client.TableFrame;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.JpmHome;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Hidden: the launcher's training run for the JDK's AOT cache of every verb but the quick ones. Runs {@code ls},
 * {@code apply} and {@code diff} through picocli, and {@code apply} the quick way, a real Unix-socket round trip and the JSON both ways, against a
 * stand-in daemon in this process, so that the cache holds those classes (parsing, reading an ecosystem file,
 * progress and plan rendering, the table), socket and security classes included.
 */
@Command(name = "aot-train", hidden = true)
public final class AotTrainCommand implements Callable<Integer> {

  private static final InstanceView ROW = new InstanceView("api", "api#0", 0, "default", "fork", 42, "online", 0, 0,
      1000, null, null, null, "/tmp/out.log", "/tmp/err.log", null, 1.5, 52_428_800L, "ready", 0, 0, 0, 0);

  @Override
  public Integer call() throws Exception {
    Path home = Files.createTempDirectory("jpm-aot-train");
    JpmHome jpmHome = new JpmHome(home);
    Path file = home.resolve("ecosystem.yaml");
    Files.writeString(file, "apps:\n  - name: api\n    script: app.sh\n    env:\n      GREETING: ${GREETING:-hi}\n");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(jpmHome.socket()));
      Thread standIn = Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 5; i++) answerOnce(server);
      });
      TableFrame.rows(new DaemonClient(jpmHome).sendEncoded(TableFrame.LIST_REQUEST)); // the plain-ls path
      Map<String, String> environment = Map.of("JPM_HOME", home.toString());
      List<Integer> exits = new java.util.ArrayList<>();
      for (String[] args : List.of(new String[] {"ls", "--json"}, new String[] {"apply", file.toString()},
          new String[] {"diff", file.toString()})) {
        CommandLine cli = dev.jpm.cli.Main.commandLine(environment);
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        exits.add(cli.execute(args));
      }
      StringWriter sink = new StringWriter();
      exits.add(dev.jpm.cli.QuickApply.run(new String[] {"apply", file.toString()}, environment, home,
          new PrintWriter(sink), new PrintWriter(sink)).orElse(-1));
      standIn.join();
      // A path that failed half-way trained only its first half: say so (the launcher then keeps no cache).
      return exits.equals(List.of(ExitCode.OK, ExitCode.OK, ExitCode.NOT_CONVERGED, ExitCode.OK)) ? 0 : 1;
    } finally {
      Files.deleteIfExists(jpmHome.socket());
      Files.deleteIfExists(file);
      Files.deleteIfExists(home);
    }
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
        default -> new Response.Table(List.of(ROW));
      };
      Wire.write(out, answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
