package dev.jpm.engine.home;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * What {@code handover.pid} says during {@code jpm update}: which daemon is handing the home over, and whether it
 * starts its successor itself. It does under a service manager (jpm startup's systemd unit): the successor must be
 * its child, inside the unit, and become the unit's main process; a command that started a daemon of its own then
 * would race it for the home and leave the unit without a main process, which ends the unit and its apps.
 *
 * @param pid the daemon handing over
 * @param startsSuccessor whether that daemon starts the next one (no command may start one meanwhile)
 */
public record HandOverNote(long pid, boolean startsSuccessor) {

  private static final String STARTS_SUCCESSOR = "starts-successor";

  /** The file's text: the pid, then the word when it starts its successor. */
  public String text() {
    return pid + (startsSuccessor ? " " + STARTS_SUCCESSOR : "") + "\n";
  }

  /** The note in {@code home}, if one is there and readable. */
  public static Optional<HandOverNote> read(JpmHome home) {
    try {
      return parse(Files.readString(home.handOverPid()));
    } catch (IOException none) {
      return Optional.empty();
    }
  }

  static Optional<HandOverNote> parse(String text) {
    String[] words = text.strip().split("\\s+");
    try {
      long pid = Long.parseLong(words[0]);
      return Optional.of(new HandOverNote(pid, words.length > 1 && words[1].equals(STARTS_SUCCESSOR)));
    } catch (NumberFormatException garbled) {
      return Optional.empty();
    }
  }

  /** Whether this note's daemon still runs and is not the caller. */
  public boolean fromAnotherLiveProcess() {
    return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
