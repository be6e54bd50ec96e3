package dev.jpm.engine.model;

import java.util.List;

/**
 * An app's {@code cron_restart}, parsed once when the file is read: the expression as written (PM2's dialect:
 * croner's 5 fields, or 6 with seconds first, or a macro such as {@code @daily}) and the Quartz expressions whose
 * fire times together are its. Files and the wire carry the expression only, and reading them parses it again (that
 * is reading at the edge), so the scheduler never translates. Equal when the expressions are; printed as the
 * expression.
 */
public final class CronSchedule extends TextValue {

  private final List<String> quartzExpressions;

  private CronSchedule(String expression, List<String> quartzExpressions) {
    super(expression);
    this.quartzExpressions = quartzExpressions;
  }

  /**
   * The schedule of {@code expression}.
   *
   * @throws IllegalArgumentException saying what is wrong, naming the field, when it is not a valid expression
   */
  public static CronSchedule parse(String expression) {
    return new CronSchedule(expression, CronTranslation.toQuartz(expression));
  }

  /**
   * The schedule of an expression read back from a saved table or a message: one this version cannot read is kept
   * (so the rest of the table still loads) and never fires.
   */
  public static CronSchedule restore(String expression) {
    try {
      return parse(expression);
    } catch (IllegalArgumentException unreadable) {
      return new CronSchedule(expression, List.of());
    }
  }

  /** The expression as written. */
  public String expression() {
    return text();
  }

  /** One or two valid Quartz expressions; empty only for a restored expression this version cannot read. */
  public List<String> quartzExpressions() {
    return quartzExpressions;
  }

  /** False only for a restored expression this version cannot read. */
  public boolean fires() {
    return !quartzExpressions.isEmpty();
  }
}
