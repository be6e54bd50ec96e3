package dev.jpm.engine.model;

/**
 * How an instance is stopped: {@code signal} to the whole process tree, then SIGKILL after {@code killTimeoutMs}.
 *
 * @param signal a signal name without the SIG prefix, upper case (INT, TERM, HUP, QUIT, USR1, USR2, KILL)
 * @param shutdownWithMessage PM2's {@code shutdown_with_message}: a Node app is sent the message {@code 'shutdown'}
 *     (through jpm's preload) instead of {@code signal}; an app that cannot receive it still gets the signal
 */
public record StopPolicy(String signal, long killTimeoutMs, boolean shutdownWithMessage) {

  public static final StopPolicy PM2_DEFAULTS = new StopPolicy("INT", 1600);

  public StopPolicy {
    if (signal == null || signal.isBlank() || signal.startsWith("SIG"))
      throw new IllegalArgumentException("signal must be a name without SIG, got " + signal);
    if (killTimeoutMs < 0) throw new IllegalArgumentException("killTimeoutMs must be >= 0, got " + killTimeoutMs);
  }

  /** Stopped by {@code signal} alone. */
  public StopPolicy(String signal, long killTimeoutMs) {
    this(signal, killTimeoutMs, false);
  }
}
