package dev.jpm.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.LogSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run holds its files until its exit is decided, so a replacement started meanwhile finds them open; once nobody
 * writes or holds a file, it is closed. The router's {@code reopenAll} says how many files are open.
 */
class RunLogsTest {

  private static final InstanceId API = new InstanceId("api", 0);

  @TempDir Path dir;

  private LogSpec spec() {
    return new LogSpec(dir.resolve("out.log").toString(), dir.resolve("err.log").toString(), null, true, false, null,
        false, null);
  }

  private static void write(RunLogs logs, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    logs.stdout().orElseThrow().write(bytes, 0, bytes.length);
  }

  private static void endStreams(RunLogs logs) {
    logs.stdout().orElseThrow().end();
    logs.stderr().orElseThrow().end();
  }

  @Test
  void aReplacementOpenedBeforeTheHoldIsReleasedWritesOnInTheSameFiles() throws IOException {
    LogRouter router = new LogRouter(dir, Clock.systemUTC());
    RunLogs crashed = router.open(API, spec());
    write(crashed, "first run\n");
    endStreams(crashed);
    assertThat(router.reopenAll()).as("streams ended, the run's hold keeps both files open").isEqualTo(2);

    RunLogs replacement = router.open(API, spec());
    crashed.releaseHold();
    assertThat(router.reopenAll()).as("the replacement writes to both").isEqualTo(2);
    write(replacement, "second run\n");
    endStreams(replacement);
    replacement.releaseHold();

    assertThat(router.reopenAll()).as("nobody writes or holds them").isZero();
    assertThat(dir.resolve("out.log")).content().isEqualTo("first run\nsecond run\n");
  }

  @Test
  void filesCloseWhenTheLastStreamEndsAfterTheHold() throws IOException {
    LogRouter router = new LogRouter(dir, Clock.systemUTC());
    RunLogs run = router.open(API, spec());
    run.releaseHold();
    run.releaseHold(); // only the first call counts
    assertThat(router.reopenAll()).as("the streams still write").isEqualTo(2);

    endStreams(run);

    assertThat(router.reopenAll()).isZero();
  }

  @Test
  void anAbandonedLaunchClosesItsFiles() throws IOException {
    LogRouter router = new LogRouter(dir, Clock.systemUTC());
    RunLogs run = router.open(API, spec());

    run.abandon();

    assertThat(router.reopenAll()).isZero();
  }
}
