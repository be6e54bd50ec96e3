package dev.jpm.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CronScheduleTest {

  @Test
  void parsingKeepsTheExpressionAsWrittenWithItsQuartzTranslation() {
    CronSchedule schedule = CronSchedule.parse("0 3 * * 1-5");

    assertThat(schedule.expression()).isEqualTo("0 3 * * 1-5");
    assertThat(schedule.quartzExpressions()).containsExactly("0 0 3 ? * 2,3,4,5,6");
    assertThat(schedule.fires()).isTrue();
    assertThat(schedule).hasToString("0 3 * * 1-5");
  }

  @Test
  void anInvalidExpressionIsRefusedWithTheReason() {
    assertThatThrownBy(() -> CronSchedule.parse("0 3 * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 4 fields");
  }

  @Test
  void anExpressionRestoredFromAnotherVersionThatThisOneCannotReadNeverFires() {
    CronSchedule restored = CronSchedule.restore("0 3 * *");

    assertThat(restored.expression()).isEqualTo("0 3 * *");
    assertThat(restored.fires()).isFalse();
    assertThat(CronSchedule.restore("@daily")).isEqualTo(CronSchedule.parse("@daily"));
  }

  @Test
  void schedulesAreEqualWhenTheirExpressionsAre() {
    assertThat(CronSchedule.parse("*/5 * * * *")).isEqualTo(CronSchedule.parse("*/5 * * * *"))
        .hasSameHashCodeAs(CronSchedule.parse("*/5 * * * *")).isNotEqualTo(CronSchedule.parse("*/6 * * * *"));
  }
}
