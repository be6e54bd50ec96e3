package dev.jpm.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.of;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CronTranslationTest {

  static Stream<Arguments> valid() {
    return Stream.of(
        of("0 3 * * *", List.of("0 0 3 * * ?")),
        of("*/5 * * * *", List.of("0 */5 * * * ?")),
        of("* * * * * *", List.of("* * * * * ?")),
        of("*/10 * * * * *", List.of("*/10 * * * * ?")),
        of("30 0 3 * * *", List.of("30 0 3 * * ?")),
        of("0 3 1,15 * *", List.of("0 0 3 1,15 * ?")),
        of("0 3 L * *", List.of("0 0 3 L * ?")),
        of("0 9 * * 1-5", List.of("0 0 9 ? * 2,3,4,5,6")),
        of("0 9 * * mon-fri", List.of("0 0 9 ? * 2,3,4,5,6")),
        of("0 9 * * 0", List.of("0 0 9 ? * 1")),
        of("0 9 * * 7", List.of("0 0 9 ? * 1")),
        of("0 9 * * 5-7", List.of("0 0 9 ? * 1,6,7")),
        of("0 9 * * SAT-SUN", List.of("0 0 9 ? * 1,7")),
        of("0 9 * * 0-6", List.of("0 0 9 * * ?")),
        of("0 9 * * */2", List.of("0 0 9 ? * 1,3,5,7")),
        of("0 9 * * 1-5/2", List.of("0 0 9 ? * 2,4,6")),
        of("0 9 * * 5#2", List.of("0 0 9 ? * 6#2")),
        of("0 9 * * 5#L", List.of("0 0 9 ? * 6L")),
        of("0 9 ? * *", List.of("0 0 9 * * ?")),
        of("0 9 * * ?", List.of("0 0 9 * * ?")),
        of("0 9 1 jan *", List.of("0 0 9 1 JAN ?")),
        of("0 9 13 * 5", List.of("0 0 9 13 * ?", "0 0 9 ? * 6")),
        of("@daily", List.of("0 0 0 * * ?")),
        of("@hourly", List.of("0 0 * * * ?")),
        of("@weekly", List.of("0 0 0 ? * 1")),
        of("@yearly", List.of("0 0 0 1 1 ?")),
        of("  0   3 * * *  ", List.of("0 0 3 * * ?")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void translates(String cron, List<String> quartz) {
    assertThat(CronTranslation.toQuartz(cron)).isEqualTo(quartz);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        of("0 3 * *", "has 4 fields"),
        of("0 0 0 3 * * * *", "has 8 fields"),
        of("61 3 * * *", "Minute and Second values must be between 0 and 59"),
        of("0 25 * * *", "Hour values must be between 0 and 23"),
        of("0 3 * * 8", "day-of-week: 8 is not a weekday"),
        of("0 3 * * MOX", "day-of-week: value 'MOX' is not a weekday"),
        of("0 3 * * 5-1", "day-of-week: range 5-1 runs backwards"),
        of("0 3 32 * *", "Day of month values must be between 1 and 31"),
        of("0 3 * 13 *", "Month values must be between 1 and 12"),
        of("@reboot", "unknown macro @reboot"),
        of("5", "has 1 field; write 5"),
        of("", "empty cron expression"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void reportsWhyAnExpressionIsInvalid(String cron, String reason) {
    assertThatThrownBy(() -> CronTranslation.toQuartz(cron)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }
}
