package dev.jpm.engine.supervise;

/**
 * How a run ended, decoded from the status Java reports: a plain exit code, or {@code 128 + n} when signal
 * {@code n} killed the process. (An app that calls {@code exit(130)} itself reads as INT: the JDK cannot tell.)
 *
 * @param code the exit code, or null when a signal ended the run
 * @param signal the signal name without SIG, or null when the process exited
 */
record ExitStatus(Integer code, String signal) {

  static ExitStatus fromJava(int status) {
    if (status > 128 && status < 128 + 65) {
      String name = Signals.name(status - 128).orElse(null);
      if (name != null) return new ExitStatus(null, name);
    }
    return new ExitStatus(status, null);
  }

  /** "exit code 1" or "signal KILL", for reasons shown to users. */
  String describe() {
    return code != null ? "exit code " + code : "signal " + signal;
  }
}
