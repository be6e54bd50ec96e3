package dev.jpm.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogDateFormatTest {

  @Test
  void theFormatWritesItsPatternInTheZoneAskedFor() {
    LogDateFormat format = LogDateFormat.parse("YYYY-MM-DD HH:mm Z");
    Instant instant = Instant.parse("2026-03-01T22:30:00Z");

    assertThat(format.in(ZoneOffset.UTC).format(instant)).isEqualTo("2026-03-01 22:30 +00:00");
    assertThat(format.in(ZoneOffset.ofHours(2)).format(instant)).isEqualTo("2026-03-02 00:30 +02:00");
  }

  @Test
  void formatsAreEqualWhenTheirPatternsAre() {
    assertThat(LogDateFormat.parse("HH:mm")).isEqualTo(LogDateFormat.parse("HH:mm"))
        .hasSameHashCodeAs(LogDateFormat.parse("HH:mm")).hasToString("HH:mm")
        .isNotEqualTo(LogDateFormat.parse("HH:mm:ss"));
  }

  @Test
  void anUnknownTokenIsRefused() {
    assertThatThrownBy(() -> LogDateFormat.parse("YYY")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown dayjs token 'YYY' at column 1");
  }
}
