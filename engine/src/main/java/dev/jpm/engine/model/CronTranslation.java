package dev.jpm.engine.model;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.quartz.CronExpression;

/**
 * Translates PM2's cron dialect (croner: 5 fields, or 6 with seconds first, and the {@code @daily} macros) into
 * Quartz expressions, which Quartz itself then validates. Pure; {@link CronSchedule} is its one user.
 *
 * <p>Two differences need work. Quartz counts weekdays 1-7 from Sunday where cron counts 0-7 (0 and 7 both
 * Sunday), so the weekday field is rewritten value by value. And Quartz wants {@code ?} in one of day-of-month and
 * day-of-week; when the file restricts both, cron fires when <em>either</em> matches, which takes two Quartz
 * expressions.
 */
final class CronTranslation {

  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
  private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private CronTranslation() {}

  /**
   * One or two valid Quartz expressions whose fire times together are the cron's.
   *
   * @throws IllegalArgumentException saying what is wrong, in words that name the field
   */
  static List<String> toQuartz(String cron) {
    if (cron == null || cron.isBlank()) throw new IllegalArgumentException("empty cron expression");
    String text = cron.strip().toLowerCase(Locale.ROOT);
    if (text.startsWith("@")) {
      if (!MACROS.containsKey(text)) throw new IllegalArgumentException("unknown macro " + cron.strip() + "; known: "
          + new TreeSet<>(MACROS.keySet()));
      text = MACROS.get(text);
    }
    String[] fields = text.toUpperCase(Locale.ROOT).split("\\s+");
    if (fields.length != 5 && fields.length != 6)
      throw new IllegalArgumentException("has " + fields.length + (fields.length == 1 ? " field" : " fields")
          + "; write 5 (minute hour day month weekday) or 6 (second first)");
    String second = fields.length == 6 ? fields[0] : "0";
    int at = fields.length - 5;
    String minute = fields[at], hour = fields[at + 1], month = fields[at + 3];
    String dayOfMonth = anyAsStar(fields[at + 2]);
    String dayOfWeek;
    try {
      dayOfWeek = weekdays(anyAsStar(fields[at + 4]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("day-of-week: " + e.getMessage(), e);
    }
    String prefix = String.join(" ", second, minute, hour) + " ";
    List<String> expressions = new ArrayList<>();
    if (dayOfWeek.equals("*")) expressions.add(prefix + dayOfMonth + " " + month + " ?");
    else if (dayOfMonth.equals("*")) expressions.add(prefix + "? " + month + " " + dayOfWeek);
    else {
      expressions.add(prefix + dayOfMonth + " " + month + " ?");
      expressions.add(prefix + "? " + month + " " + dayOfWeek);
    }
    for (String expression : expressions) {
      try {
        new CronExpression(expression);
      } catch (ParseException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    return List.copyOf(expressions);
  }

  private static String anyAsStar(String field) {
    return field.equals("?") ? "*" : field;
  }

  /**
   * Rewrites a cron weekday field in Quartz's numbering: lists, ranges and steps are expanded to the days they
   * name, so a range through Sunday (5-7, 0-6) or a step needs no special case.
   */
  static String weekdays(String field) {
    if (field.equals("*")) return field;
    TreeSet<Integer> days = new TreeSet<>();
    List<String> special = new ArrayList<>();
    for (String part : field.split(",", -1)) {
      if (part.contains("#") || part.endsWith("L")) special.add(nthOrLast(part));
      else days.addAll(expand(part));
    }
    if (days.size() == 7 && special.isEmpty()) return "*";
    List<String> out = new ArrayList<>(special);
    days.forEach(day -> out.add(Integer.toString(day + 1)));
    return String.join(",", out);
  }

  /** {@code 5#2} (second Friday) → {@code 6#2}; {@code 5L} or {@code 5#L} (last Friday) → {@code 6L}. */
  private static String nthOrLast(String part) {
    int hash = part.indexOf('#');
    String day = hash >= 0 ? part.substring(0, hash) : part.substring(0, part.length() - 1);
    String suffix = hash >= 0 ? part.substring(hash) : "L";
    if (suffix.equals("#L")) suffix = "L";
    return (day(day) + 1) + suffix;
  }

  /** The days (0 = Sunday .. 6) of one list item: {@code *}, {@code a}, {@code a-b}, each with an optional step. */
  private static List<Integer> expand(String part) {
    String base = part;
    int step = 1;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      base = part.substring(0, slash);
      step = number(part.substring(slash + 1), "step");
      if (step < 1) throw new IllegalArgumentException("step must be at least 1 in " + part);
    }
    int from;
    int to;
    if (base.equals("*")) {
      from = 0;
      to = 7;
    } else if (base.contains("-")) {
      from = day(base.substring(0, base.indexOf('-')));
      to = day(base.substring(base.indexOf('-') + 1));
      if (to == 0 && from > 0) to = 7; // SUN ending a range (SAT-SUN) is the last day
    } else {
      from = day(base);
      to = slash >= 0 ? 7 : from;
    }
    if (to < from) throw new IllegalArgumentException("range " + base + " runs backwards");
    List<Integer> days = new ArrayList<>();
    for (int day = from; day <= to; day += step) days.add(day % 7);
    return days;
  }

  /** A weekday by number (0-7) or three-letter name. */
  private static int day(String text) {
    int named = DAY_NAMES.indexOf(text);
    if (named >= 0) return named;
    int day = number(text, "value");
    if (day < 0 || day > 7) throw new IllegalArgumentException(text + " is not a weekday (0-7 or SUN-SAT)");
    return day;
  }

  private static int number(String text, String what) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + text + "' is not a weekday (0-7 or SUN-SAT) nor a number");
    }
  }
}
