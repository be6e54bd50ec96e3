package dev.jpm.engine.config;

import dev.jpm.engine.model.LogRotation;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A {@code log_rotate} value (schema-valid) as a {@link LogRotation}: {@code false} turns rotation off, {@code true}
 * keeps the daemon-wide default, an object sets size and/or interval, {@code keep} (default {@value #DEFAULT_KEEP}) and {@code compress} (default false).
 */
final class LogRotations {

  static final int DEFAULT_KEEP = 5;

  private LogRotations() {}

  /** The rotation {@code value} asks for, or null when the key is absent (the daemon-wide default applies). */
  static LogRotation of(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) return null;
    if (value.isBoolean()) return value.asBoolean() ? null : LogRotation.NONE;
    long size = value.has("size") ? Sizes.parse(value.get("size")).orElse(0) : 0;
    LogRotation.Interval interval = value.has("interval")
        ? LogRotation.Interval.valueOf(value.get("interval").asString().toUpperCase(Locale.ROOT))
        : LogRotation.Interval.NONE;
    return new LogRotation(size, interval, value.path("keep").asInt(DEFAULT_KEEP),
        value.path("compress").asBoolean(false));
  }
}
