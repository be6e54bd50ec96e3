package dev.jpm.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.LogDateFormat;
import dev.jpm.engine.model.LogSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk boundaries, partial lines and shared files, through the router as the supervisor uses it. */
class StreamWriterTest {

  @TempDir Path dir;

  private static void write(StreamConsumer consumer, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    consumer.write(bytes, 0, bytes.length);
  }

  private LogSpec spec(boolean combined, String dateFormat, boolean json) {
    return new LogSpec(dir.resolve("out.log").toString(), dir.resolve("err.log").toString(),
        combined ? dir.resolve("all.log").toString() : null, true, false,
        dateFormat == null ? null : LogDateFormat.parse(dateFormat), json, null);
  }

  @Test
  void aLoneRawWriterShowsAPartialLineWhenThePipeGoesQuiet() throws IOException {
    LogRouter router = new LogRouter(dir, Clock.systemUTC());
    RunLogs logs = router.open(new InstanceId("api", 0), spec(false, null, false));
    StreamConsumer out = logs.stdout().orElseThrow();

    write(out, "Password: ");
    out.quiet();
    assertThat(dir.resolve("out.log")).content().isEqualTo("Password: ");
    write(out, "ok\nlast without newline");
    logs.abandon();

    assertThat(dir.resolve("out.log")).content().isEqualTo("Password: ok\nlast without newline");
    assertThat(router.stats(new InstanceId("api", 0))).isEqualTo(new LogStats.Counts(1, 33, 0, 0));
  }

  @Test
  void theCombinedFileGetsOnlyWholeLinesWhateverTheChunks() throws IOException {
    LogRouter router = new LogRouter(dir, Clock.systemUTC());
    RunLogs logs = router.open(new InstanceId("api", 0), spec(true, null, false));
    StreamConsumer out = logs.stdout().orElseThrow();
    StreamConsumer err = logs.stderr().orElseThrow();

    write(out, "out one, hal");
    write(err, "err one\nerr tw");
    out.quiet();
    err.quiet();
    write(out, "f\n");
    write(err, "o\n");
    write(out, "tail");
    logs.abandon();

    // Each stream's buffer reaches the file when its pipe goes quiet or ends: whole lines, in each stream's order.
    assertThat(dir.resolve("all.log")).content().isEqualTo("err one\nout one, half\ntail\nerr two\n");
    assertThat(dir.resolve("out.log")).content().isEqualTo("out one, half\ntail\n");
  }

  @Test
  void aVeryLongLineIsCutAtTheLimitInsteadOfGrowingWithoutBound() throws IOException {
    LogRouter router = new LogRouter(dir, Clock.systemUTC());
    RunLogs logs = router.open(new InstanceId("api", 0), spec(true, null, false));
    StreamConsumer out = logs.stdout().orElseThrow();
    String chunk = "x".repeat(10_000);
    for (int i = 0; i < 10; i++) write(out, chunk);
    write(out, "\n");
    logs.abandon();

    assertThat(java.nio.file.Files.readAllLines(dir.resolve("all.log")))
        .extracting(String::length).containsExactly(StreamWriter.MAX_LINE, 100_000 - StreamWriter.MAX_LINE);
  }

  @Test
  void datedLinesSpanningChunksGetOnePrefixEach() throws IOException {
    LogRouter router = new LogRouter(dir, Clock.systemUTC());
    RunLogs logs = router.open(new InstanceId("api", 0), spec(false, "[at]", false));
    StreamConsumer out = logs.stdout().orElseThrow();

    write(out, "a");
    write(out, "b\nc\nd");
    out.quiet();
    write(out, "e\n");
    logs.abandon();

    assertThat(dir.resolve("out.log")).content().isEqualTo("at: ab\nat: c\nat: de\n");
  }
}
