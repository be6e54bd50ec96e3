package dev.jpm.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The debounce with the time passed in: no clock, no sleep. */
class BurstTest {

  private static final Path A = Path.of("/app/a.js");
  private static final Path B = Path.of("/app/b.js");

  @Test
  void aChangeIsDueAtTheFirstQuietPoll() {
    Burst burst = new Burst(0);
    burst.polled(List.of(A), 1_000);
    assertThat(burst.due(1_000)).as("changes may still be coming").isFalse();
    burst.polled(List.of(), 2_000);
    assertThat(burst.due(2_000)).isTrue();
    assertThat(burst.files()).containsExactly(A);
  }

  @Test
  void changesOverSeveralPollsAreOneBurst() {
    Burst burst = new Burst(0);
    burst.polled(List.of(A), 1_000);
    burst.polled(List.of(B, A), 2_000);
    assertThat(burst.due(2_000)).isFalse();
    burst.polled(List.of(), 3_000);
    assertThat(burst.due(3_000)).isTrue();
    assertThat(burst.files()).containsExactly(A, B);
  }

  @Test
  void watchDelayWaitsAfterTheLastChange() {
    Burst burst = new Burst(2_500);
    burst.polled(List.of(A), 1_000);
    burst.polled(List.of(), 2_000);
    burst.polled(List.of(), 3_000);
    assertThat(burst.due(3_000)).isFalse();
    burst.polled(List.of(), 4_000);
    assertThat(burst.due(4_000)).isTrue();
  }

  @Test
  void nothingChangedIsNeverDueAndClearStartsOver() {
    Burst burst = new Burst(0);
    burst.polled(List.of(), 1_000);
    assertThat(burst.due(1_000)).isFalse();
    burst.polled(List.of(A), 2_000);
    burst.clear();
    burst.polled(List.of(), 3_000);
    assertThat(burst.due(3_000)).isFalse();
    assertThat(burst.files()).isEmpty();
  }
}
