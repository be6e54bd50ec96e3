package dev.jpm.engine.protocol;

/**
 * One restart of an instance, as {@code jpm show} lists it.
 *
 * @param id instance id, {@code name#instance}
 * @param atMs when it restarted (epoch ms)
 * @param cause why
 * @param exitCode exit code of the run it replaced, or null
 * @param signal signal that ended that run, or null
 */
public record RestartView(String id, long atMs, String cause, Integer exitCode, String signal) {}
