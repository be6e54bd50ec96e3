package dev.jpm.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class LogBusTest {

  private final LogBus bus = new LogBus(Clock.systemUTC());

  private static LogLine line(String app, LogLine.Stream stream, String text) {
    return new LogLine(app, 0, stream, text, 1);
  }

  @Test
  void aSlowSubscriberMissesLinesAndIsToldHowMany() throws InterruptedException {
    try (LogBus.Subscription slow = bus.subscribe(new LogBus.Filter(null, null, true, true))) {
      for (int i = 0; i < LogBus.QUEUE_LINES + 25; i++) bus.publish(line("api", LogLine.Stream.OUT, "line " + i));

      assertThat(slow.takeMissed()).isEqualTo(25);
      assertThat(slow.takeMissed()).isZero();
      assertThat(slow.poll(10, LogBus.QUEUE_LINES * 2)).hasSize(LogBus.QUEUE_LINES)
          .first().extracting(LogLine::text).isEqualTo("line 0");
    }
  }

  @Test
  void theQueueIsBoundedInBytesToo() {
    try (LogBus.Subscription slow = bus.subscribe(new LogBus.Filter(null, null, true, true))) {
      String big = "x".repeat(64 * 1024);
      for (int i = 0; i < 100; i++) bus.publish(line("api", LogLine.Stream.OUT, big));

      assertThat(slow.takeMissed()).isEqualTo(100 - LogBus.QUEUE_BYTES / big.length());
    }
  }

  @Test
  void filtersByAppInstanceAndStreamButAlwaysPassesEvents() throws InterruptedException {
    try (LogBus.Subscription errOnly = bus.subscribe(new LogBus.Filter("api", 0, false, true))) {
      bus.publish(line("api", LogLine.Stream.OUT, "out"));
      bus.publish(line("api", LogLine.Stream.ERR, "err"));
      bus.publish(line("web", LogLine.Stream.ERR, "other app"));
      bus.publish(new LogLine("api", 1, LogLine.Stream.ERR, "other instance", 1));
      bus.event("api", 0, "started");

      assertThat(errOnly.poll(10, 10)).extracting(LogLine::text).containsExactly("err", "started");
      assertThat(bus.wants("api")).isTrue();
      assertThat(bus.wants("web")).isFalse();
    }
    assertThat(bus.wants("api")).as("closed subscriptions cost the writers nothing").isFalse();
  }
}
