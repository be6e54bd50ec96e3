package dev.jpm.engine.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control server on a real socket, with a handler that reports from many threads at once. */
class ControlServerTest {

  static final int THREADS = 16;
  static final int LINES = 200;

  @TempDir Path home;

  @Test
  void progressFromManyThreadsArrivesAsWholeFrames() throws IOException {
    ControlServer.Handler parallelReporter = (request, progress) -> {
      try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          pool.submit(() -> {
            for (int i = 0; i < LINES; i++) progress.accept("thread " + thread + " line " + i + " " + "x".repeat(300));
          });
        }
      }
      return new Response.Table(List.of());
    };
    Path socket = home.resolve("jpm.sock");
    try (ControlServer server = new ControlServer(socket, parallelReporter, Files.getOwner(home), ending -> {})) {
      server.start();

      List<Response> frames = exchange(socket, new Request.List());

      assertThat(frames).hasSize(THREADS * LINES + 1);
      assertThat(frames.getLast()).isInstanceOf(Response.Table.class);
      assertThat(frames.subList(0, frames.size() - 1)).allMatch(f -> f instanceof Response.Progress p
          && p.line().matches("thread \\d+ line \\d+ x{300}"));
    }
  }

  private static List<Response> exchange(Path socket, Request request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(channel);
      InputStream in = Channels.newInputStream(channel);
      Wire.write(out, request);
      List<Response> frames = new ArrayList<>();
      Response frame;
      do {
        frame = Wire.read(in, Response.class);
        frames.add(frame);
      } while (frame instanceof Response.Progress);
      return frames;
    }
  }
}
