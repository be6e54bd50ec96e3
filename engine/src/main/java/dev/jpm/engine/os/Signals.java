package dev.jpm.engine.os;

import java.util.Map;
import java.util.Optional;

/**
 * POSIX signals by name, sent through libc {@code kill(2)}: the JDK can only send TERM and KILL, and only to
 * single processes, while a stop needs any signal and whole process groups. Numbers are Linux's.
 */
public final class Signals {

  public static final int KILL = LibC.SIGKILL;
  public static final int CONT = 18;
  public static final int STOP = 19;

  private static final Map<String, Integer> NUMBERS = Map.ofEntries(
      Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5),
      Map.entry("ABRT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10),
      Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
      Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18),
      Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22),
      Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26),
      Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("PWR", 30),
      Map.entry("SYS", 31));

  private Signals() {}

  /** The number of a signal name without SIG, e.g. {@code INT} → 2; throws with the name when unknown. */
  public static int number(String name) {
    Integer number = NUMBERS.get(name);
    if (number == null) throw new IllegalArgumentException("unknown signal name '" + name + "'");
    return number;
  }

  /**
   * The number of a signal as a user types it ({@code SIGUSR2}, {@code usr2}, {@code 12}); throws with the text and
   * what is accepted when it is none.
   */
  public static int parse(String text) {
    String name = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
    if (name.startsWith("SIG")) name = name.substring(3);
    if (name.matches("\\d{1,2}")) {
      int number = Integer.parseInt(name);
      if (number >= 1 && number <= 31) return number;
    }
    Integer number = NUMBERS.get(name);
    if (number == null)
      throw new IllegalArgumentException("unknown signal '" + text + "': give a name such as SIGUSR2 or USR2, or 1-31");
    return number;
  }

  /** The name (without SIG) of a signal number, when it is one we know. */
  public static Optional<String> name(int number) {
    return NUMBERS.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey).findFirst();
  }

  /** Sends {@code signal} to one process; false when it no longer exists (ESRCH) or may not be signalled. */
  public static boolean toProcess(long pid, int signal) {
    return pid > 0 && LibC.kill(Math.toIntExact(pid), signal) == 0;
  }

  /** Sends {@code signal} to every member of process group {@code pgid}; false when the group is empty. */
  public static boolean toGroup(long pgid, int signal) {
    return pgid > 1 && LibC.kill(-Math.toIntExact(pgid), signal) == 0;
  }
}
