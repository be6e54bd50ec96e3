package dev.jpm.engine.os;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Start times from /proc, as the JDK's ProcessHandle.Info tells them, and state letters. */
class ProcStatTest {

  @Test
  void matchesTheJdkToTheMillisecond() {
    ProcessHandle self = ProcessHandle.current();
    long jdk = self.info().startInstant().orElseThrow().toEpochMilli();

    assertThat(ProcStat.startMs(self.pid())).hasValue(jdk);
    ProcessHandle parent = self.parent().orElseThrow();
    assertThat(ProcStat.startMs(parent.pid())).hasValue(parent.info().startInstant().orElseThrow().toEpochMilli());
  }

  @Test
  void noStartForAPidThatDoesNotExist() {
    assertThat(ProcStat.startMs(0)).isEmpty();
    assertThat(ProcStat.startMs(Integer.MAX_VALUE)).isEmpty();
  }

  @Test
  void readsTheFieldAfterANameWithSpacesAndParentheses() {
    String stat = "4242 (a) b (c)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 5000 1000000 200";
    String shorter = "4242 (x) S 1 4242";

    assertThat(ProcStat.startMsIn(stat)).isPresent();
    assertThat(ProcStat.startMsIn(stat).getAsLong() - ProcStat.startMsIn(stat.replace(" 5000 ", " 0 ")).getAsLong())
        .as("5000 ticks after boot").isEqualTo(5000 * 1000 / 100);
    assertThat(ProcStat.startMsIn(shorter)).isEmpty();
    assertThat(ProcStat.startMsIn("no name here")).isEmpty();
  }

  @Test
  void parsesParentCpuAndMemoryFromTheLinesBytes() {
    String stat = "4242 (a) b (c)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 5000 1000000 200 "
        + "18446744073709551615 1 1 0";
    ProcStat.Fields fields =
        ProcStat.parse(java.nio.ByteBuffer.wrap(stat.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    assertThat(fields.state()).isEqualTo('S');
    assertThat(fields.parentPid()).isEqualTo(1);
    assertThat(fields.cpuMs()).as("1 + 2 ticks of 10 ms").isEqualTo(30);
    assertThat(fields.rssBytes()).as("200 pages").isEqualTo(200 * 4096);
  }

  @Test
  void aLiveProcessIsNotAZombieAndAGoneOneCountsAsOne() {
    assertThat(ProcStat.state(ProcessHandle.current().pid())).isIn('R', 'S');
    assertThat(ProcStat.state(Integer.MAX_VALUE)).isEqualTo('Z');
  }
}
