package dev.jpm.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobDiffTest {

  @Test
  void addedChangedRemovedAndUntouched() {
    JobDiff<String> diff = JobDiff.between(
        Map.of("api", "0 3 * * *", "worker", "*/5 * * * *", "gone", "@daily"),
        Map.of("api", "0 3 * * *", "worker", "0 4 * * *", "new", "@hourly"));

    assertThat(diff.removed()).containsExactly("gone");
    assertThat(diff.added()).isEqualTo(Map.of("new", "@hourly"));
    assertThat(diff.changed()).isEqualTo(Map.of("worker", "0 4 * * *"));
    assertThat(diff.isEmpty()).isFalse();
  }

  @Test
  void sameSettingsMeanNothingToDo() {
    assertThat(JobDiff.between(Map.of("api", "x"), Map.of("api", "x")).isEmpty()).isTrue();
    assertThat(JobDiff.between(Map.of(), Map.of()).removed()).isEqualTo(Set.of());
  }
}
