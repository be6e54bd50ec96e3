package dev.jpm.engine.protocol;

/**
 * One line of {@code jpm logs}.
 *
 * @param app app name
 * @param instance instance index, or {@link #SHARED} for a line read back from a file several instances write to
 *     ({@code merge_logs}): which of them wrote it is not known
 * @param stream {@code out}, {@code err} or {@code event} (a daemon event: started, exited...)
 * @param text the line without its newline
 * @param timeMs when the daemon read it (epoch ms); 0 for lines read back from a file
 */
public record LogEntry(String app, int instance, String stream, String text, long timeMs) {

  /** The instance of a line from a merged file. */
  public static final int SHARED = -1;
}
