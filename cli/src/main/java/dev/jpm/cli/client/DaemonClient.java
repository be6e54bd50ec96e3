package dev.jpm.cli.client;

import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Consumer;

/** Sends one request per connection to the daemon of a {@link JpmHome}, starting the daemon when needed. */
public final class DaemonClient {

  private final JpmHome home;
  private final DaemonLauncher launcher;
  private long silenceMs = Silence.DEFAULT_LIMIT_MS;

  public DaemonClient(JpmHome home) {
    this(home, new DaemonLauncher(home));
  }

  /** The client for the environment's home, giving up on a daemon silent for {@code JPM_TIMEOUT} seconds. */
  public static DaemonClient forEnvironment(java.util.Map<String, String> environment) {
    DaemonClient client = new DaemonClient(JpmHome.fromEnvironment(environment));
    client.silenceMs = Silence.limitMs(environment.get(Silence.LIMIT_VARIABLE));
    return client;
  }

  /**
   * Starts the environment's daemon now, on a second thread, when none serves its home: for a verb that asks the
   * daemon whatever its arguments say, so the daemon starts while the command line is parsed (decision 0036). The
   * command's own client picks that daemon up, or the one the launcher script started for it.
   */
  public static void startDaemonEarly(java.util.Map<String, String> environment) {
    DaemonLauncher.startEarly(JpmHome.fromEnvironment(environment), environment.get(DaemonLauncher.LAUNCHER_STARTED));
  }

  /** A client whose daemon, when this client starts one, runs with {@code extraFlags} added to its JVM. */
  public static DaemonClient withDaemonFlags(JpmHome home, List<String> extraFlags) {
    return new DaemonClient(home, new DaemonLauncher(home, extraFlags));
  }

  DaemonClient(JpmHome home, DaemonLauncher launcher) {
    this.home = home;
    this.launcher = launcher;
  }

  public JpmHome home() {
    return home;
  }

  /** Sends a request, starting the daemon first if none answers; progress lines go to {@code onProgress}. */
  public Response send(Request request, Consumer<String> onProgress) throws IOException {
    return exchange(connectOrStart(), request, onProgress);
  }

  /**
   * Sends a streaming request (starting the daemon if needed) and hands every frame to {@code onFrame} until
   * it returns false, the daemon ends the stream, or sends a final frame, which is returned (null otherwise).
   */
  public Response stream(Request request, java.util.function.Predicate<Response> onFrame) throws IOException {
    try (SocketChannel channel = connectOrStart();
        Silence silence = Silence.watch(channel, silenceMs);
        InputStream in = Channels.newInputStream(channel);
        OutputStream out = Channels.newOutputStream(channel)) {
      try {
        Response early = write(out, in, request);
        if (early != null) return early;
        while (true) {
          Response response = Wire.read(in, Response.class);
          silence.heard();
          if (response == null) return null;
          if (!(response instanceof Response.LogBatch)) return response;
          if (!onFrame.test(response)) return null;
        }
      } catch (IOException e) {
        throw silence.explain(e);
      }
    }
  }

  /** Sends a request only if a daemon already runs; null when none does (for ping and kill). */
  public Response sendIfRunning(Request request, Consumer<String> onProgress) throws IOException {
    SocketChannel channel = tryConnect();
    return channel == null ? null : exchange(channel, request, onProgress);
  }

  private Response exchange(SocketChannel channel, Request request, Consumer<String> onProgress)
      throws IOException {
    try (channel;
        Silence silence = Silence.watch(channel, silenceMs);
        InputStream in = Channels.newInputStream(channel);
        OutputStream out = Channels.newOutputStream(channel)) {
      try {
        Response early = write(out, in, request);
        if (early != null) return early;
        while (true) {
          Response response = Wire.read(in, Response.class);
          silence.heard();
          if (response == null) throw new IOException("the daemon closed the connection without an answer");
          if (response instanceof Response.Progress progress) onProgress.accept(progress.line());
          else return response;
        }
      } catch (IOException e) {
        throw silence.explain(e);
      }
    }
  }

  /**
   * Writes the request; null when written. A daemon at its connection limit answers BUSY and closes without reading,
   * so the write may fail: that answer, when there is one, says more than a broken pipe.
   */
  private static Response write(OutputStream out, InputStream in, Request request) throws IOException {
    try {
      Wire.write(out, request);
      return null;
    } catch (IOException unwritten) {
      try {
        Response early = Wire.read(in, Response.class);
        if (early != null) return early;
      } catch (IOException | RuntimeException nothing) {
        unwritten.addSuppressed(nothing);
      }
      throw unwritten;
    }
  }

  private SocketChannel connectOrStart() throws IOException {
    String problem = home.socketProblem();
    if (problem != null) throw new dev.jpm.cli.CliFailure(dev.jpm.cli.ExitCode.USAGE, problem);
    SocketChannel channel = tryConnect();
    return channel != null ? channel : launcher.startAndConnect(this::tryConnect);
  }

  /** A connected channel, or null when no daemon listens. */
  SocketChannel tryConnect() {
    if (!java.nio.file.Files.exists(home.socket())) return null;
    try {
      SocketChannel channel = UnixSockets.open();
      try {
        channel.connect(UnixDomainSocketAddress.of(home.socket()));
        return channel;
      } catch (IOException refused) {
        channel.close();
        return null;
      }
    } catch (IOException e) {
      return null;
    }
  }
}
