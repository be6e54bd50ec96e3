package dev.jpm.engine.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceCountTest {

  @ParameterizedTest
  @CsvSource({"4, 2, 4", "+2, 2, 4", "-1, 3, 2", "max, 1, 8", " 3 , 1, 3"})
  void parsesAbsoluteRelativeAndMax(String text, int current, int expected) {
    assertThat(InstanceCount.parse(text, current, 8)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 1", "-3, 2", "abc, 1", "2000, 1"})
  void refusesCountsOutOfRangeWithTheValue(String text, int current) {
    assertThatThrownBy(() -> InstanceCount.parse(text, current, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale");
  }
}
