package dev.jpm.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cron expressions as systemd calendars (ExportIT has systemd-analyze read them). */
class CalendarSpecTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      0 3 * * *          | *-*-* 03:00:00
      */15 * * * *       | *-*-* *:00,15,30,45:00
      30 0 2 * * 1-5     | Mon,Tue,Wed,Thu,Fri *-*-* 02:00:30
      0 0 * JAN,jul SUN  | Sun *-01,07-* 00:00:00
      0 0 * * 7          | Sun *-*-* 00:00:00
      @weekly            | Sun *-*-* 00:00:00
      @hourly            | *-*-* *:00:00
      """)
  void oneCalendarWhenAtMostOneDayFieldIsRestricted(String cron, String calendar) {
    assertThat(CalendarSpec.of(cron)).contains(List.of(calendar));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      0 4 1,15 * MON | *-*-01,15 04:00:00 | Mon *-*-* 04:00:00
      """)
  void dayOfMonthOrWeekdayTakesTwoCalendars(String cron, String byDay, String byWeekday) {
    assertThat(CalendarSpec.of(cron)).contains(List.of(byDay, byWeekday));
  }

  @ParameterizedTest
  @CsvSource({"0 0 L * *", "0 0 * * 5#3", "0 0 15W * *"})
  void quartzExtensionsHaveNoCalendar(String cron) {
    assertThat(CalendarSpec.of(cron)).isEmpty();
  }
}
