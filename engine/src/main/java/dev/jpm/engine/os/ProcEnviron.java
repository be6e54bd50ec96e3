package dev.jpm.engine.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a running process was started with, as {@code /proc/PID/environ} keeps it: the block passed to
 * its last {@code exec}, NUL-separated {@code NAME=value} entries; what the process set later is not there. Linux
 * only; readable for our own user's processes (and every process for root).
 */
public final class ProcEnviron {

  private ProcEnviron() {}

  /** The variables of {@code pid}; empty when it is gone or may not be read. */
  public static Map<String, String> of(long pid) {
    try {
      return parse(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")));
    } catch (IOException | SecurityException e) {
      return Map.of();
    }
  }

  /** Entries in their order; one without {@code =} (a process may write anything there) is skipped. */
  static Map<String, String> parse(byte[] block) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (String entry : new String(block, StandardCharsets.UTF_8).split("\0")) {
      int equals = entry.indexOf('=');
      if (equals > 0) variables.putIfAbsent(entry.substring(0, equals), entry.substring(equals + 1));
    }
    return Map.copyOf(variables);
  }
}
