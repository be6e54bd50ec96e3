package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.LogEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LogLinesTest {

  private final LogLines lines = new LogLines(new PrintWriter(new StringWriter()), new Style(false), false, false);

  @Test
  void aLineOfOneInstanceNamesIt() {
    assertThat(lines.text(new LogEntry("api", 1, "out", "hello", 0))).isEqualTo("api#1 | hello");
  }

  @Test
  void aLineFromAMergedFileNamesOnlyTheApp() {
    // Every instance writes the merged file: naming one of them would be a guess.
    assertThat(lines.text(new LogEntry("api", LogEntry.SHARED, "out", "hello", 0))).isEqualTo("api | hello");
  }
}
