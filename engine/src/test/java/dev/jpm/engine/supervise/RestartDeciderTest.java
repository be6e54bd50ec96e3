package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.supervise.RestartDecider.Done;
import dev.jpm.engine.supervise.RestartDecider.Exit;
import dev.jpm.engine.supervise.RestartDecider.GiveUp;
import dev.jpm.engine.supervise.RestartDecider.Restart;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestartDeciderTest {

  private static final RestartPolicy POLICY = new RestartPolicy(true, 3, 1000, 0, 0, Set.of());
  private static final ExitStatus CODE_1 = new ExitStatus(1, null);

  private static Exit exit(ExitStatus status, long uptimeMs, int unstable, long previousBackoff) {
    return new Exit(status, 10_000, 10_000 + uptimeMs, unstable, previousBackoff);
  }

  @Test
  void restartsAtOnceAfterAStableRunAndResetsTheUnstableCount() {
    assertThat(RestartDecider.decide(POLICY, exit(CODE_1, 1000, 2, 0))).isEqualTo(new Restart(0, 0, 0));
  }

  @Test
  void countsConsecutiveUnstableRunsAndGivesUpAtMaxRestarts() {
    assertThat(RestartDecider.decide(POLICY, exit(CODE_1, 999, 0, 0))).isEqualTo(new Restart(0, 1, 0));
    assertThat(RestartDecider.decide(POLICY, exit(CODE_1, 10, 1, 0))).as("a loop slows down")
        .isEqualTo(new Restart(100, 2, 0));
    assertThat(RestartDecider.decide(POLICY, exit(CODE_1, 10, 2, 0)))
        .isEqualTo(new GiveUp("crashed 3 times in a row within min_uptime (last exit code 1)", 3));
  }

  @Test
  void withoutADelayInThePolicyACrashLoopBacksOffUpToTwoSecondsAndAFirstCrashRestartsAtOnce() {
    var sixteen = new RestartPolicy(true, 16, 1000, 0, 0, Set.of());
    List<Long> delays = new ArrayList<>();
    for (int before = 0; before < 15; before++)
      delays.add(((Restart) RestartDecider.decide(sixteen, exit(CODE_1, 10, before, 0))).delayMs());
    assertThat(delays).containsExactly(0L, 100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L, 2000L, 2000L, 2000L,
        2000L, 2000L, 2000L);
    assertThat(delays.stream().mapToLong(Long::longValue).sum()).as("a late loop of 16 lasts ~20 s, not ~1 s")
        .isEqualTo(21_100L);
    assertThat(RestartDecider.decide(sixteen, exit(CODE_1, 5000, 7, 0))).as("a stable run: at once")
        .isEqualTo(new Restart(0, 0, 0));
    var declared = new RestartPolicy(true, 16, 1000, 250, 0, Set.of());
    assertThat(RestartDecider.decide(declared, exit(CODE_1, 10, 7, 0))).as("restart_delay wins")
        .isEqualTo(new Restart(250, 8, 0));
  }

  @Test
  void namesTheSignalOfTheLastCrash() {
    var decision = RestartDecider.decide(POLICY, exit(new ExitStatus(null, "SEGV"), 10, 2, 0));
    assertThat(decision).isInstanceOf(GiveUp.class);
    assertThat(((GiveUp) decision).reason()).endsWith("(last signal SEGV)");
  }

  @Test
  void unstableRunsSpreadOverTimeStillCount() {
    // Unlike PM2's window since creation: three short runs are a crash loop even hours apart.
    var late = new Exit(CODE_1, 7_200_000, 7_200_010, 2, 0);
    assertThat(RestartDecider.decide(POLICY, late)).isInstanceOf(GiveUp.class);
  }

  @Test
  void maxRestartsZeroGivesUpOnTheFirstUnstableRun() {
    var policy = new RestartPolicy(true, 0, 1000, 0, 0, Set.of());
    assertThat(RestartDecider.decide(policy, exit(CODE_1, 10, 0, 0))).isInstanceOf(GiveUp.class);
    assertThat(RestartDecider.decide(policy, exit(CODE_1, 5000, 0, 0))).isEqualTo(new Restart(0, 0, 0));
  }

  @Test
  void stopExitCodesAndAutorestartOffMeanDone() {
    var policy = new RestartPolicy(true, 3, 1000, 0, 0, Set.of(0, 3));
    assertThat(RestartDecider.decide(policy, exit(new ExitStatus(3, null), 10, 0, 0)))
        .isEqualTo(new Done("exited with exit code 3, a stop exit code"));
    assertThat(RestartDecider.decide(policy, exit(new ExitStatus(null, "TERM"), 10, 0, 0)))
        .isInstanceOf(Restart.class);
    var off = new RestartPolicy(false, 3, 1000, 0, 0, Set.of());
    assertThat(RestartDecider.decide(off, exit(CODE_1, 10, 2, 0)))
        .isEqualTo(new Done("exited with exit code 1; autorestart is off"));
  }

  @Test
  void fixedRestartDelay() {
    var policy = new RestartPolicy(true, 3, 1000, 250, 0, Set.of());
    assertThat(RestartDecider.decide(policy, exit(CODE_1, 5000, 0, 0))).isEqualTo(new Restart(250, 0, 0));
  }

  @Test
  void exponentialBackoffGrowsByHalfCapsAt15sAndOverridesTheFixedDelay() {
    var policy = new RestartPolicy(true, 100, 1000, 250, 100, Set.of());
    List<Long> delays = new ArrayList<>();
    long previous = 0;
    for (int i = 0; i < 14; i++) {
      var restart = (Restart) RestartDecider.decide(policy, exit(CODE_1, 2000, 0, previous));
      delays.add(restart.delayMs());
      previous = restart.backoffMs();
    }
    assertThat(delays).startsWith(100L, 150L, 225L, 337L, 505L, 757L, 1135L).endsWith(15_000L);
  }

  @Test
  void exponentialBackoffResetsAfterThirtySecondsUp() {
    var policy = new RestartPolicy(true, 3, 1000, 0, 100, Set.of());
    assertThat(RestartDecider.decide(policy, exit(CODE_1, 29_999, 0, 1135))).isEqualTo(new Restart(1702, 0, 1702));
    assertThat(RestartDecider.decide(policy, exit(CODE_1, 30_000, 0, 1135))).isEqualTo(new Restart(100, 0, 100));
  }

  @Test
  void aRunOnceJobIsDoneWhenItExitsWhateverTheCode() {
    assertThat(RestartDecider.decide(POLICY, exit(new ExitStatus(0, null), 10, 0, 0), true))
        .isInstanceOf(RestartDecider.Done.class);
    assertThat(RestartDecider.decide(POLICY, exit(CODE_1, 10, 2, 0), true))
        .isEqualTo(new RestartDecider.Done("exited with exit code 1; a run-once job, started again by its next cron tick"));
  }
}
