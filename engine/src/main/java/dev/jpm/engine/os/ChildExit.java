package dev.jpm.engine.os;

/**
 * How a child ended, decoded from its wait status: exactly one of a code and a signal (an app that calls
 * {@code exit(130)} stays code 130, unlike the JDK's {@code 128 + n} folding).
 *
 * @param code the exit code, or -1 when a signal ended it (or when the status could not be read)
 * @param signal the number of the signal that ended it, or 0 when it exited
 */
public record ChildExit(int code, int signal) {

  /** The status of a child somebody else reaped: neither is known. */
  static final ChildExit UNKNOWN = new ChildExit(-1, 0);

  /** Decodes a {@code waitpid} status: low 7 bits the terminating signal, else bits 8..15 the exit code. */
  static ChildExit ofWaitStatus(int status) {
    int signal = status & 0x7f;
    return signal == 0 ? new ChildExit((status >> 8) & 0xff, 0) : new ChildExit(-1, signal);
  }

  /** True when neither a code nor a signal is known. */
  public boolean unknown() {
    return code < 0 && signal == 0;
  }
}
