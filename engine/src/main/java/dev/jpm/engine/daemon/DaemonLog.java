package dev.jpm.engine.daemon;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.logging.Formatter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * The daemon's log ({@code daemon.log}, or stderr in the foreground): one line per record, the local time first
 * ({@code 2026-12-08 01:07:14.701 INFO dev.jpm.engine.daemon.JpmDaemon: serving ...}), a stack trace after it when
 * the record has one. Named by {@code -Djava.util.logging.config.class} in {@code daemon.flags}, so java.util.logging
 * builds it instead of reading the JDK's {@code logging.properties}: that file's console handler makes a
 * {@code SimpleFormatter}, which checks its format with a first {@code String.format} of a date, and
 * {@code java.util.Formatter}'s first date loads the locale's data: ~30 ms of the main thread at every daemon start
 * (decision 0036). The line is built by hand for the same reason.
 */
public final class DaemonLog {

  /**
   * Called by java.util.logging when it starts: records at INFO and above, to one {@link Stderr} handler. As the
   * LogManager asks of such a class, it gives its configuration through {@code readConfiguration}.
   */
  public DaemonLog() throws IOException {
    String configuration = "handlers=" + Stderr.class.getName() + "\n.level=INFO\n";
    LogManager.getLogManager()
        .readConfiguration(new ByteArrayInputStream(configuration.getBytes(StandardCharsets.ISO_8859_1)));
  }

  /** The handler: each record written at once, on stderr, which is the daemon's log file. */
  public static final class Stderr extends StreamHandler {
    public Stderr() {
      super(System.err, new Line());
    }

    @Override
    public synchronized void publish(LogRecord record) {
      super.publish(record);
      flush();
    }

    /** Flushes, and leaves stderr open (as the JDK's console handler does): the shutdown hook still writes there. */
    @Override
    public synchronized void close() {
      flush();
    }
  }

  /** One record as one line. */
  static final class Line extends Formatter {
    @Override
    public String format(LogRecord record) {
      LocalDateTime at = LocalDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
      StringBuilder line = new StringBuilder(160);
      line.append(at.getYear()).append('-');
      twoDigits(line, at.getMonthValue()).append('-');
      twoDigits(line, at.getDayOfMonth()).append(' ');
      twoDigits(line, at.getHour()).append(':');
      twoDigits(line, at.getMinute()).append(':');
      twoDigits(line, at.getSecond()).append('.');
      int millis = at.getNano() / 1_000_000;
      if (millis < 100) line.append('0');
      twoDigits(line, millis);
      line.append(' ').append(record.getLevel().getName()).append(' ').append(record.getLoggerName()).append(": ")
          .append(formatMessage(record));
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        line.append('\n').append(trace.toString().stripTrailing());
      }
      return line.append('\n').toString();
    }

    private static StringBuilder twoDigits(StringBuilder line, int value) {
      return (value < 10 ? line.append('0') : line).append(value);
    }
  }
}
