package dev.jpm.cli;

import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.protocol.Frames;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Hidden ({@code jpm aot-train-quick}): the launcher's training run for the AOT cache of {@link QuickList} and
 * {@link QuickLogs}. The JDK preloads every class of an AOT cache at start-up, so the cache of {@code jpm ls}
 * holds only what {@code ls} and {@code logs} load: this run walks those two paths against a stand-in daemon in
 * this process that answers with frames written out here, never through picocli or the protocol's record binding
 * (which the full cache holds for every other verb).
 */
final class QuickTraining {

  static final String WORD = "aot-train-quick";

  /** A table as the daemon writes it, two rows with the columns {@code ls} renders. */
  static final String TABLE = """
      {"type":"table","instances":[\
      {"name":"api","id":"api#0","instance":0,"namespace":"default","mode":"cluster","pid":4242,"status":"online",\
      "restarts":2,"unstable_restarts":0,"uptime_ms":3723000,"cpu_percent":1.5,"memory_bytes":52428800,\
      "readiness":"ready","connections":3,"log_lines":120,"log_bytes":9000,"log_dropped":0},\
      {"name":"worker","id":"worker#0","instance":0,"namespace":"default","mode":"fork","pid":0,\
      "status":"errored","restarts":16,"unstable_restarts":16,"uptime_ms":0,"last_exit_code":1,\
      "reason":"crashed 16 times","log_lines":0,"log_bytes":0,"log_dropped":0}],"v":%d}""".formatted(Wire.VERSION);

  /** A batch of log lines (an instance's, a merged file's, a daemon event) as the daemon writes it. */
  static final String LOG_BATCH = """
      {"type":"log_batch","lines":[\
      {"app":"api","instance":0,"stream":"out","text":"listening on 8080","time_ms":0},\
      {"app":"api","instance":-1,"stream":"err","text":"a merged line","time_ms":0},\
      {"app":"api","instance":0,"stream":"event","text":"started","time_ms":1700000000000}],\
      "missed":0,"v":%d}""".formatted(Wire.VERSION);

  static final String DONE = "{\"type\":\"done\",\"message\":\"\",\"v\":" + Wire.VERSION + "}";

  private QuickTraining() {}

  static int run() throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("jpm-aot-quick");
    JpmHome jpmHome = new JpmHome(home);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(jpmHome.socket()));
      Thread standIn = Thread.ofPlatform().start(() -> {
        answer(server, List.of(TABLE));
        answer(server, List.of(LOG_BATCH, DONE));
      });
      Map<String, String> environment = Map.of("JPM_HOME", home.toString());
      PrintWriter sink = new PrintWriter(new StringWriter());
      boolean listed = QuickList.run(new String[] {"ls"}, environment, sink).isPresent();
      boolean logged = QuickLogs.run(new String[] {"logs", "--lines", "5", "--nostream"}, environment, sink)
          .isPresent();
      standIn.join();
      return listed && logged ? ExitCode.OK : ExitCode.FAILURE;
    } finally {
      Files.deleteIfExists(jpmHome.socket());
      Files.deleteIfExists(home);
    }
  }

  /** Takes one connection, reads its request and writes {@code frames}. */
  private static void answer(ServerSocketChannel server, List<String> frames) {
    try (SocketChannel peer = server.accept()) {
      Frames.read(Channels.newInputStream(peer));
      for (String frame : frames) Frames.write(Channels.newOutputStream(peer), frame.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
