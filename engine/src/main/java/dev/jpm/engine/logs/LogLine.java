package dev.jpm.engine.logs;

/**
 * One line on the {@link LogBus}: a line an instance wrote (without its newline), or a daemon event about it.
 *
 * @param app app name
 * @param instance instance index
 * @param stream where the line came from
 * @param text the line, without its newline
 * @param timeMs when the daemon read it (epoch milliseconds)
 */
public record LogLine(String app, int instance, Stream stream, String text, long timeMs) {

  /** The source of a line. */
  public enum Stream {
    OUT,
    ERR,
    /** Something the daemon did or saw (started, exited, restarted...). */
    EVENT;

    /** {@code out}, {@code err} or {@code event}: PM2's {@code type} for the first two. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
