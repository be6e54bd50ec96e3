package dev.jpm.engine.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A cron expression (5 fields, or 6 with seconds first, or a macro) as systemd {@code OnCalendar=} values whose
 * times together are the cron's. Cron fires when the day of the month <em>or</em> the weekday matches if both are
 * restricted; one calendar value needs both, so that case takes two values (a timer may have several).
 */
final class CalendarSpec {

  private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> CRON_DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final List<String> SYSTEMD_DAYS = List.of("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat");

  private CalendarSpec() {}

  /** The calendar values, or empty when the cron uses what systemd has no word for ({@code L}, {@code #}, {@code W}). */
  static Optional<List<String>> of(String cron) {
    String text = cron.strip().toLowerCase(Locale.ROOT);
    String[] fields = MACROS.getOrDefault(text, text).toUpperCase(Locale.ROOT).split("\\s+");
    int at = fields.length - 5;
    try {
      String second = at == 1 ? field(fields[0], 0, 59, List.of(), 0) : "00";
      String minute = field(fields[at], 0, 59, List.of(), 0);
      String hour = field(fields[at + 1], 0, 23, List.of(), 0);
      String day = field(fields[at + 2], 1, 31, List.of(), 1);
      String month = field(fields[at + 3], 1, 12, MONTHS, 1);
      String weekday = weekdays(fields[at + 4]);
      String time = hour + ":" + minute + ":" + second;
      if (weekday.equals("*")) return Optional.of(List.of("*-" + month + "-" + day + " " + time));
      String byWeekday = weekday + " *-" + month + "-* " + time;
      if (day.equals("*")) return Optional.of(List.of(byWeekday));
      return Optional.of(List.of("*-" + month + "-" + day + " " + time, byWeekday));
    } catch (IllegalArgumentException | IndexOutOfBoundsException inexpressible) {
      return Optional.empty();
    }
  }

  /** {@code *} stays; anything else becomes the explicit list of values, two digits each. */
  private static String field(String field, int min, int max, List<String> names, int firstName) {
    if (field.equals("*") || field.equals("?")) return "*";
    return values(field, min, max, names, firstName).stream().map(v -> String.format("%02d", v))
        .collect(Collectors.joining(","));
  }

  private static String weekdays(String field) {
    if (field.equals("*") || field.equals("?")) return "*";
    // Cron counts Sunday as 0 and as 7.
    return values(field, 0, 7, CRON_DAYS, 0).stream().map(day -> day % 7).distinct().sorted()
        .map(SYSTEMD_DAYS::get).collect(Collectors.joining(","));
  }

  /** The values of a list of {@code a}, {@code a-b}, with an optional {@code /step}; {@code *} is the whole range. */
  private static TreeSet<Integer> values(String field, int min, int max, List<String> names, int firstName) {
    TreeSet<Integer> values = new TreeSet<>();
    for (String part : field.split(",")) {
      String[] stepped = part.split("/", 2);
      int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
      if (step < 1) throw new IllegalArgumentException("step " + step);
      String range = stepped[0];
      int from, to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        from = value(range.substring(0, range.indexOf('-')), names, firstName);
        to = value(range.substring(range.indexOf('-') + 1), names, firstName);
      } else {
        from = value(range, names, firstName);
        to = stepped.length == 2 ? max : from;
      }
      if (from < min || to > max || from > to) throw new IllegalArgumentException(part + " is out of range");
      for (int v = from; v <= to; v += step) values.add(v);
    }
    return values;
  }

  private static int value(String text, List<String> names, int firstName) {
    int named = names.indexOf(text);
    return named >= 0 ? named + firstName : Integer.parseInt(text);
  }
}
