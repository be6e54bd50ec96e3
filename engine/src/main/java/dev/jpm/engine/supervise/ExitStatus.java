package dev.jpm.engine.supervise;

import dev.jpm.engine.os.ChildExit;
import dev.jpm.engine.os.Signals;

/**
 * How a run ended: an exit code or the signal that ended it.
 *
 * @param code the exit code, or null when a signal ended the run
 * @param signal the signal name without SIG (or its number when unnamed, or UNKNOWN), or null when it exited
 */
public record ExitStatus(Integer code, String signal) {

  static final ExitStatus UNKNOWN = new ExitStatus(null, "UNKNOWN");

  static ExitStatus of(ChildExit exit) {
    if (exit.unknown()) return UNKNOWN;
    if (exit.signal() == 0) return new ExitStatus(exit.code(), null);
    return new ExitStatus(null, Signals.name(exit.signal()).orElse(Integer.toString(exit.signal())));
  }

  /** "exit code 1" or "signal KILL", for reasons shown to users. */
  String describe() {
    return code != null ? "exit code " + code : "signal " + signal;
  }
}
