package dev.jpm.engine.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The session of a process as the kernel reports it in {@code /proc/PID/stat}: what the tests check jpm against. */
public final class KernelSessions {

  private KernelSessions() {}

  /** The session id of {@code pid} (field 6 of its stat line, counted after the command name's closing paren). */
  public static long of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(afterName[3]); // state, ppid, pgrp, session
    } catch (IOException e) {
      throw new UncheckedIOException("no process " + pid, e);
    }
  }
}
