package dev.jpm.engine.model;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PM2's {@code log_date_format}: a dayjs pattern ({@code YYYY-MM-DD HH:mm:ss.SSS Z}) turned into a java.time
 * formatter. Runs of dayjs token letters must be a token dayjs knows; any other character is literal, as in
 * dayjs ({@code T} in PM2's {@code YYYY-MM-DDTHH:mm:ss}), and {@code [text]} escapes.
 */
final class DayjsFormat {

  /** A token letter run, an escape, or anything else (literal). */
  private static final Pattern PART = Pattern.compile("\\[([^\\]]*)]|([YMDdHhmsSZAaXx])\\2*|.", Pattern.DOTALL);
  private static final Map<Long, String> AM_PM_LOWER = Map.of(0L, "am", 1L, "pm");
  private static final Map<Long, String> AM_PM_UPPER = Map.of(0L, "AM", 1L, "PM");
  /** dayjs numbers weekdays from Sunday = 0. */
  private static final Map<Long, String> WEEKDAY_NUMBER =
      Map.of(1L, "1", 2L, "2", 3L, "3", 4L, "4", 5L, "5", 6L, "6", 7L, "0");
  private static final Map<Long, String> WEEKDAY_MIN =
      Map.of(1L, "Mo", 2L, "Tu", 3L, "We", 4L, "Th", 5L, "Fr", 6L, "Sa", 7L, "Su");

  private DayjsFormat() {}

  /** A bad token, with its 1-based column in the pattern. */
  public static final class BadPattern extends IllegalArgumentException {
    private final int column;

    BadPattern(String message, int column) {
      super(message);
      this.column = column;
    }

    /** 1-based column of the bad token in the pattern. */
    public int column() {
      return column;
    }
  }

  /** The formatter for {@code pattern} in {@code zone}; throws {@link BadPattern} naming the first unknown token. */
  public static DateTimeFormatter compile(String pattern, ZoneId zone) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder();
    Matcher m = PART.matcher(pattern);
    while (m.find()) {
      if (m.group(1) != null) {
        b.appendLiteral(m.group(1));
      } else if (m.group(2) != null) {
        token(b, m.group(), m.start() + 1);
      } else {
        b.appendLiteral(m.group());
      }
    }
    return b.toFormatter(Locale.ENGLISH).withZone(zone);
  }

  private static void token(DateTimeFormatterBuilder b, String token, int column) {
    switch (token) {
      case "YYYY" -> b.appendValue(ChronoField.YEAR, 4, 10, SignStyle.EXCEEDS_PAD);
      case "YY" -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
      case "M" -> b.appendValue(ChronoField.MONTH_OF_YEAR);
      case "MM" -> b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
      case "MMM" -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
      case "MMMM" -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
      case "D" -> b.appendValue(ChronoField.DAY_OF_MONTH);
      case "DD" -> b.appendValue(ChronoField.DAY_OF_MONTH, 2);
      case "d" -> b.appendText(ChronoField.DAY_OF_WEEK, WEEKDAY_NUMBER);
      case "dd" -> b.appendText(ChronoField.DAY_OF_WEEK, WEEKDAY_MIN);
      case "ddd" -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
      case "dddd" -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
      case "H" -> b.appendValue(ChronoField.HOUR_OF_DAY);
      case "HH" -> b.appendValue(ChronoField.HOUR_OF_DAY, 2);
      case "h" -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM);
      case "hh" -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
      case "m" -> b.appendValue(ChronoField.MINUTE_OF_HOUR);
      case "mm" -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
      case "s" -> b.appendValue(ChronoField.SECOND_OF_MINUTE);
      case "ss" -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
      case "SSS" -> b.appendValue(ChronoField.MILLI_OF_SECOND, 3);
      case "Z" -> b.appendOffset("+HH:MM", "+00:00");
      case "ZZ" -> b.appendOffset("+HHMM", "+0000");
      case "a" -> b.appendText(ChronoField.AMPM_OF_DAY, AM_PM_LOWER);
      case "A" -> b.appendText(ChronoField.AMPM_OF_DAY, AM_PM_UPPER);
      default -> throw new BadPattern("unknown dayjs token '" + token + "' at column " + column
          + " (known: YYYY YY M MM MMM MMMM D DD d dd ddd dddd H HH h hh m mm s ss SSS Z ZZ A a; [text] is literal)",
          column);
    }
  }
}
