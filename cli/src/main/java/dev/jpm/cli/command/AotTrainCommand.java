package dev.jpm.cli.command;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.cli.client.TableFrame;
import dev.jpm.cli.render.ProcessTable;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.JpmHome;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: the launcher's training run for the JDK's AOT cache. Walks what {@code ls} does (picocli parsing, a real
 * Unix-socket round trip through {@link DaemonClient} against a stand-in daemon in this process, JSON both ways,
 * table rendering) so that the cache holds those classes, socket and security classes included.
 */
@Command(name = "aot-train", hidden = true)
public final class AotTrainCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    dev.jpm.cli.Main.commandLine(java.util.Map.of()).parseArgs("ls", "--json");
    Path home = Files.createTempDirectory("jpm-aot-train");
    try {
      JpmHome jpmHome = new JpmHome(home);
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(jpmHome.socket()));
        Thread standIn = Thread.ofPlatform().start(() -> {
          answerOnce(server, false);
          answerOnce(server, true);
        });
        DaemonClient client = new DaemonClient(jpmHome);
        TableFrame.rows(client.sendEncoded(TableFrame.LIST_REQUEST)); // the plain-ls path
        Response response = client.send(new Request.List(), line -> {}); // every other verb's path
        standIn.join();
        List<InstanceView> rows = ((Response.Table) response).instances();
        ProcessTable.lines(rows, new Style(true));
        Wire.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows);
      }
    } finally {
      Files.deleteIfExists(home.resolve("jpm.sock"));
      Files.deleteIfExists(home);
    }
    return 0;
  }

  /** Answers one request with a one-row table, after a progress frame when asked (the raw path reads one frame). */
  private static void answerOnce(ServerSocketChannel server, boolean withProgress) {
    try (SocketChannel peer = server.accept()) {
      Wire.read(Channels.newInputStream(peer), Request.class);
      InstanceView row = new InstanceView("api", "api#0", 0, "default", "fork", 42, "online", 0, 0, 1000, null, null,
          null, "/tmp/out.log", "/tmp/err.log", null, 1.5, 52_428_800L, "ready", 0, 0, 0, 0);
      if (withProgress) Wire.write(Channels.newOutputStream(peer), new Response.Progress("training"));
      Wire.write(Channels.newOutputStream(peer), new Response.Table(List.of(row)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
