package dev.jpm.engine.model;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An app's {@code log_date_format} (or the format {@code time: true} implies), parsed once when the file is read:
 * the dayjs pattern as written ({@code YYYY-MM-DD HH:mm:ss.SSS Z}) and its java.time formatter. Files and the wire
 * carry the pattern only. Equal when the patterns are; printed as the pattern.
 */
public final class LogDateFormat extends TextValue {

  private final DateTimeFormatter formatter;

  private LogDateFormat(String pattern, DateTimeFormatter formatter) {
    super(pattern);
    this.formatter = formatter;
  }

  /**
   * The format of a dayjs {@code pattern}.
   *
   * @throws IllegalArgumentException naming the first token dayjs does not know, and its column
   */
  public static LogDateFormat parse(String pattern) {
    return new LogDateFormat(pattern, DayjsFormat.compile(pattern, ZoneOffset.UTC));
  }

  /** The pattern as written. */
  public String pattern() {
    return text();
  }

  /** The formatter that writes this pattern in {@code zone}. */
  public DateTimeFormatter in(ZoneId zone) {
    return formatter.withZone(zone);
  }
}
