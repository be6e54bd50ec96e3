package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.LogEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LogLinesTest {

  private final LogLines lines = new LogLines(new PrintWriter(new StringWriter()), new Style(false),
      LogLines.Shape.PREFIXED, false, java.util.Map.of());

  @Test
  void aLineOfOneInstanceNamesIt() {
    assertThat(lines.text(new LogEntry("api", 1, "out", "hello", 0))).isEqualTo("api#1 | hello");
  }

  @Test
  void aLineFromAMergedFileNamesOnlyTheApp() {
    // Every instance writes the merged file: naming one of them would be a guess.
    assertThat(lines.text(new LogEntry("api", LogEntry.SHARED, "out", "hello", 0))).isEqualTo("api | hello");
  }

  @Test
  void rawPrintsTheTextAloneAndFormatPrintsPm2sKeysBothWithoutDaemonEvents() {
    StringWriter raw = new StringWriter();
    StringWriter formatted = new StringWriter();
    var batch = new dev.jpm.engine.protocol.Response.LogBatch(java.util.List.of(
        new LogEntry("api", 1, "out", "hello", 0),
        new LogEntry("api", 1, "event", "exited with code 1; restarting", 0),
        new LogEntry("api", 1, "err", "boom", 1_795_000_000_000L)), 0);

    new LogLines(new PrintWriter(raw), new Style(false), LogLines.Shape.RAW, false, java.util.Map.of()).print(batch);
    new LogLines(new PrintWriter(formatted), new Style(false), LogLines.Shape.PM2_FORMAT, true,
        java.util.Map.of("api#1", 7)).print(batch);

    assertThat(raw.toString().lines()).containsExactly("hello", "boom");
    assertThat(formatted.toString().lines()).containsExactly("app=api id=7 type=out message=hello",
        "timestamp=2026-11-18T11:06:40Z app=api id=7 type=error message=boom");
  }
}
