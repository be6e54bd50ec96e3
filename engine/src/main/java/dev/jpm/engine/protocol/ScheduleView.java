package dev.jpm.engine.protocol;

/**
 * What the daemon's scheduler does for one app, for {@code jpm show}.
 *
 * @param nextCronRestartMs epoch milliseconds of the next cron restart, or null when the app has no cron
 * @param watch the watch's state ({@code watching 120 files every 1000ms}, {@code paused while stopped}), or null
 */
public record ScheduleView(Long nextCronRestartMs, String watch) {}
