package dev.jpm.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DayjsFormatTest {

  /** Sunday 2026-03-01 14:05:09.042 UTC, shown in UTC+01:00. */
  private static final Instant WHEN = Instant.parse("2026-03-01T14:05:09.042Z");
  private static final ZoneId PLUS_ONE = ZoneOffset.ofHours(1);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "YYYY-MM-DD HH:mm:ss.SSS Z | 2026-03-01 15:05:09.042 +01:00",
    "YYYY-MM-DDTHH:mm:ss       | 2026-03-01T15:05:09",
    "YY M D H m s              | 26 3 1 15 5 9",
    "MMM MMMM ddd dddd dd d    | Mar March Sun Sunday Su 0",
    "hh:mm a / h A             | 03:05 pm / 3 PM",
    "ZZ                        | +0100",
    "[YYYY] YYYY               | YYYY 2026",
  })
  void formatsAsDayjsDoes(String pattern, String expected) {
    assertThat(DayjsFormat.compile(pattern.strip(), PLUS_ONE).format(WHEN)).isEqualTo(expected.strip());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "YYYY-MM-DD HH:mm:ss.SS | SS  | 21",
    "YYY                    | YYY | 1",
    "HH:mm:ss X             | X   | 10",
    "DDD                    | DDD | 1",
  })
  void rejectsAnUnknownTokenWithItsColumn(String pattern, String token, int column) {
    assertThatThrownBy(() -> DayjsFormat.compile(pattern.strip(), PLUS_ONE))
        .isInstanceOfSatisfying(DayjsFormat.BadPattern.class, e -> assertThat(e.column()).isEqualTo(column))
        .hasMessageContaining("unknown dayjs token '" + token.strip() + "' at column " + column);
  }
}
