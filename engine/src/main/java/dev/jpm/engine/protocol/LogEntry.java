package dev.jpm.engine.protocol;

/**
 * One line of {@code jpm logs}.
 *
 * @param app app name
 * @param instance instance index
 * @param stream {@code out}, {@code err} or {@code event} (a daemon event: started, exited...)
 * @param text the line without its newline
 * @param timeMs when the daemon read it (epoch ms); 0 for lines read back from a file
 */
public record LogEntry(String app, int instance, String stream, String text, long timeMs) {}
