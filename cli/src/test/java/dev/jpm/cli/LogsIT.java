package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** jpm logs (tail and live stream), flush, reloadLogs, and lost lines in ls, against a real daemon. */
class LogsIT {

  static final String TICKER = """
      i=0
      while true; do echo "tick $i"; i=$((i + 1)); sleep 0.05; done
      """;
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @RegisterExtension final JpmHarness jpm = new JpmHarness();
  Path out;

  @BeforeEach
  void start() throws IOException {
    jpm.write("ticker.sh", TICKER);
    out = jpm.work.resolve("logs/ticker-out.log"); // PM2: a fork app without instances has one file
    Path file = jpm.write("ecosystem.yaml", """
        apps:
          - name: ticker
            script: ticker.sh
            interpreter: bash
            out_file: logs/ticker-out.log
            min_uptime: 200ms
        """);
    jpm.run("apply", file.toString()).expectExit(0);
    await().atMost(PATIENCE).until(() -> Files.exists(out) && Files.readAllLines(out).size() >= 3);
  }

  @Test
  void nostreamPrintsTheLastLinesWithTheInstancePrefix() {
    String printed = jpm.run("logs", "ticker", "--lines", "3", "--nostream").expectExit(0).out();

    List<String> lines = printed.lines().toList();
    assertThat(lines).hasSize(3).allMatch(line -> line.matches("ticker#0 \\| tick \\d+"));
  }

  @Test
  void linesOfAFileSeveralInstancesShareNameOnlyTheApp() {
    jpm.run("scale", "ticker", "2").expectExit(0);

    String printed = jpm.run("logs", "ticker", "--lines", "3", "--nostream").expectExit(0).out();

    // Both instances write the merged file: naming one of them would be a guess.
    assertThat(printed.lines().toList()).hasSize(3).allMatch(line -> line.matches("ticker \\| tick \\d+"));
  }

  @Test
  void jsonPrintsOneObjectPerLine() {
    String printed = jpm.run("logs", "ticker", "--lines", "2", "--nostream", "--json").expectExit(0).out();

    assertThat(printed.lines().map(line -> tools.jackson.databind.json.JsonMapper.shared().readTree(line)).toList()).hasSize(2)
        .allSatisfy(node -> {
          assertThat(node.path("app").asString()).isEqualTo("ticker");
          assertThat(node.path("stream").asString()).isEqualTo("out");
          assertThat(node.path("text").asString()).startsWith("tick ");
        });
  }

  @Test
  void theStreamShowsLinesWrittenAfterItStartedAndDaemonEvents() throws Exception {
    Capture capture = new Capture();
    CompletableFuture<Integer> logs = CompletableFuture.supplyAsync(
        () -> jpm.runStreaming(capture, "logs", "ticker", "--lines", "1"));
    await().atMost(PATIENCE).until(() -> capture.text().lines().count() >= 1);
    int lastInFile = lastTick(Files.readAllLines(out));

    await().atMost(PATIENCE).until(() -> capture.text().lines()
        .anyMatch(l -> l.matches("ticker#0 \\| tick \\d+") && tick(l) > lastInFile + 2));
    jpm.run("restart", "ticker").expectExit(0);
    await().atMost(PATIENCE).until(() -> capture.text().contains("ticker#0 | [jpm] restarted, pid"));

    capture.close(); // the terminal goes away: jpm logs ends quietly at its next write
    assertThat(logs.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
  }

  @Test
  void flushEmptiesTheFileAndReloadLogsReopensIt() throws IOException {
    jpm.run("flush", "ticker").expectExit(0);
    await().atMost(PATIENCE).until(() -> Files.readAllLines(out).stream().findFirst()
        .map(first -> tick(first) > 3).orElse(false));

    Path moved = out.resolveSibling("ticker-out.log.old");
    Files.move(out, moved);
    // The out file and the default error file.
    assertThat(jpm.run("reloadLogs").expectExit(0).out()).contains("reopened 2 log files");
    await().atMost(PATIENCE).until(() -> Files.exists(out) && Files.size(out) > 0);
  }

  @Test
  void linesLostToAFullDiskShowInLsAndShow() throws IOException {
    Path file = jpm.write("full.yaml", """
        apps:
          - name: full
            script: ticker.sh
            interpreter: bash
            out_file: /dev/full
            min_uptime: 200ms
        """);
    jpm.run("apply", file.toString()).expectExit(0);

    await().atMost(PATIENCE).until(() -> jpm.instance("full#0").path("log_dropped").asLong() > 0);
    assertThat(jpm.status("full#0")).isEqualTo("online");
    assertThat(jpm.run("ls").expectExit(0).out()).contains("log lines lost");
    assertThat(jpm.run("show", "full").expectExit(0).out()).containsPattern("log lines +\\d+ \\(\\d+ bytes\\), lost [1-9]");
  }

  @Test
  void anUnknownDateTokenIsALocatedError() throws IOException {
    Path file = jpm.write("bad.yaml", """
        apps:
          - name: dated
            script: ticker.sh
            log_date_format: "YYYY-MM-DD HH:mm:ss.SS"
        """);
    JpmHarness.Result result = jpm.run("validate", file.toString());

    assertThat(result.exit()).isNotZero();
    assertThat(result.out() + result.err()).contains("bad.yaml:4:").contains("log_date_format")
        .contains("unknown dayjs token 'SS' at column 21");
  }

  private static int lastTick(List<String> lines) {
    return tick(lines.getLast());
  }

  private static int tick(String line) {
    return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** A terminal the test reads while jpm writes; closing it makes further writes fail, like a closed pipe. */
  private static final class Capture extends Writer {
    private final StringBuilder text = new StringBuilder();
    private volatile boolean closed;

    synchronized String text() {
      return text.toString();
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) throws IOException {
      if (closed) throw new IOException("Broken pipe");
      text.append(chars, offset, length);
    }

    @Override
    public void flush() throws IOException {
      if (closed) throw new IOException("Broken pipe");
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
