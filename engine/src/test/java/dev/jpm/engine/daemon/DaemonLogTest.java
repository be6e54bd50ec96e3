package dev.jpm.engine.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DaemonLogTest {

  /** The format daemon.flags gave the JDK's SimpleFormatter before DaemonLog: the lines must not change. */
  private static final String SIMPLE_FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n";

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-08T01:07:14.701Z", "2026-01-02T03:04:05.006Z", "2026-11-30T23:59:59.050Z",
      "1999-12-31T00:00:00Z"})
  void writesTheLineTheJdksFormatterWrote(String when) {
    LogRecord record = new LogRecord(Level.INFO, "jpm daemon 42 serving /tmp/h/jpm.sock");
    record.setLoggerName("dev.jpm.engine.daemon.JpmDaemon");
    record.setInstant(Instant.parse(when));

    assertThat(new DaemonLog.Line().format(record)).isEqualTo(simpleFormat(record, ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"WARNING", "SEVERE"})
  void putsTheStackTraceAfterTheLine(String level) {
    LogRecord record = new LogRecord(Level.parse(level), "a supervisor listener failed");
    record.setLoggerName("dev.jpm.engine.supervise.Supervisor");
    record.setInstant(Instant.parse("2026-12-08T01:07:14.701Z"));
    record.setThrown(new IllegalStateException("boom"));
    StringWriter trace = new StringWriter();
    record.getThrown().printStackTrace(new PrintWriter(trace));

    String line = new DaemonLog.Line().format(record);

    assertThat(line).startsWith(simpleFormat(record, "").stripTrailing() + "\njava.lang.IllegalStateException: boom\n");
    assertThat(line).isEqualTo(simpleFormat(record, "\n" + trace).stripTrailing() + "\n");
  }

  private static String simpleFormat(LogRecord record, String thrown) {
    return String.format(SIMPLE_FORMAT, record.getInstant().atZone(ZoneId.systemDefault()), "",
        record.getLoggerName(), record.getLevel().getLocalizedName(), record.getMessage(), thrown);
  }
}
