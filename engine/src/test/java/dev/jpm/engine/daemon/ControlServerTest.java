package dev.jpm.engine.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.protocol.ErrorCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /** Answers every request with an empty table. */
  static final ControlServer.Handler TABLE = (request, progress) -> new Response.Table(List.of());

  @Test
  void pastTheConnectionLimitAClientIsToldTheDaemonIsBusyAndAPlaceThatFreesServesAgain() throws IOException {
    Path socket = home.resolve("jpm.sock");
    try (ControlServer server = new ControlServer(socket, TABLE, Files.getOwner(home), ending -> {},
        new RequestLimits(2, 1 << 20, Duration.ofSeconds(30)))) {
      server.start();
      SocketChannel first = connect(socket);
      SocketChannel second = connect(socket);

      Response refused = exchange(socket, new Request.List()).getLast();

      assertThat(refused).isInstanceOfSatisfying(Response.Failure.class, f -> {
        assertThat(f.code()).isEqualTo(ErrorCode.BUSY.number());
        assertThat(f.message()).contains("connections", "try again");
      });
      first.close();
      await().atMost(Duration.ofSeconds(10)).until(() ->
          exchange(socket, new Request.List()).getLast() instanceof Response.Table);
      second.close();
    }
  }

  @Test
  void aConnectionThatSendsNoRequestIsClosedAndFreesItsPlace() throws IOException {
    Path socket = home.resolve("jpm.sock");
    try (ControlServer server = new ControlServer(socket, TABLE, Files.getOwner(home), ending -> {},
        new RequestLimits(1, 1 << 20, Duration.ofMillis(300)))) {
      server.start();
      try (SocketChannel idle = connect(socket)) {
        idle.write(ByteBuffer.wrap(new byte[] {0, 0})); // half a length, then nothing

        assertThat(Channels.newInputStream(idle).read()).as("closed by the daemon").isEqualTo(-1);
      }
      await().atMost(Duration.ofSeconds(10)).until(() ->
          exchange(socket, new Request.List()).getLast() instanceof Response.Table);
    }
  }

  @Test
  void requestBytesBeyondTheBudgetAreRefusedWhileOthersAreReadAndServedAfter() throws IOException {
    Path socket = home.resolve("jpm.sock");
    byte[] request = frame(new Request.List());
    try (ControlServer server = new ControlServer(socket, TABLE, Files.getOwner(home), ending -> {},
        new RequestLimits(8, request.length - 4 + 100, Duration.ofSeconds(30)))) {
      server.start();
      try (SocketChannel hog = connect(socket)) {
        // Announces a body that takes the whole budget but one byte, and sends only part of it.
        hog.write(ByteBuffer.allocate(4 + 10).putInt(request.length - 4 + 99).rewind());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(exchange(socket, new Request.List())
            .getLast()).isInstanceOfSatisfying(Response.Failure.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.BUSY.number())));
      }
      await().atMost(Duration.ofSeconds(10)).until(() ->
          exchange(socket, new Request.List()).getLast() instanceof Response.Table);
    }
  }

  @Test
  void anErrorInAHandlerEndsOnlyThatRequest() throws IOException {
    Path socket = home.resolve("jpm.sock");
    ControlServer.Handler failsOnce = new ControlServer.Handler() {
      boolean failed;

      @Override
      public Response handle(Request request, java.util.function.Consumer<String> progress) {
        if (!failed) {
          failed = true;
          throw new StackOverflowError("deep");
        }
        return new Response.Table(List.of());
      }
    };
    try (ControlServer server = new ControlServer(socket, failsOnce, Files.getOwner(home), ending -> {})) {
      server.start();

      assertThat(exchange(socket, new Request.List()).getLast()).isInstanceOfSatisfying(Response.Failure.class,
          f -> assertThat(f.message()).contains("StackOverflowError"));
      assertThat(exchange(socket, new Request.List()).getLast()).isInstanceOf(Response.Table.class);
    }
  }

  private static SocketChannel connect(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    return channel;
  }

  private static byte[] frame(Request request) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    Wire.write(bytes, request);
    return bytes.toByteArray();
  }

  private static List<Response> exchange(Path socket, Request request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(channel);
      InputStream in = Channels.newInputStream(channel);
      try {
        Wire.write(out, request);
      } catch (IOException refusedFirst) {
        // A daemon past its connection limit answers BUSY and closes without reading: the answer is still there.
      }
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
