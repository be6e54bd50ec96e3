package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import java.util.Arrays;

/**
 * A {@code cron_restart} as the five fields that Kubernetes' CronJob and Nomad's {@code periodic} read: jpm's optional
 * sixth field, seconds first, has no place in them, and dropping it is reported.
 */
final class CronFields {

  private CronFields() {}

  /** A cron one-shot: registered stopped and started at its cron times, which is what a scheduled job does. */
  static boolean isOneShot(AppSpec app) {
    return !app.autostart() && app.cronRestart() != null;
  }

  /** The app's schedule in five fields; {@code runner} names what runs it in the report ("a CronJob"). */
  static String of(AppSpec app, AppLosses losses, String runner) {
    String cron = app.cronRestart().expression().strip();
    String[] fields = cron.split("\\s+");
    if (fields.length != 6) return cron;
    losses.add("cron_restart",
        "the seconds field (" + fields[0] + ") is dropped: " + runner + " runs at whole minutes");
    return String.join(" ", Arrays.copyOfRange(fields, 1, 6));
  }
}
