package dev.jpm.engine.model;

/**
 * One restart of an instance, for its history in {@code jpm show}.
 *
 * @param atMs when the new process was launched (epoch ms)
 * @param cause why: the exit of a crash, a memory limit, a user's restart...
 * @param exitCode exit code of the run that ended, or null
 * @param signal signal that ended that run (e.g. KILL), or null
 */
public record RestartEvent(long atMs, String cause, Integer exitCode, String signal) {}
