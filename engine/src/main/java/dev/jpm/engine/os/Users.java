package dev.jpm.engine.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine's users and groups as the C library sees them (files, LDAP, whatever NSS is configured with), read
 * through {@code getent}, and who this process is. Used for PM2's {@code uid}/{@code gid}: rarely, so a child process
 * per lookup costs nothing that matters, and no passwd parsing of jpm's own can disagree with the system's.
 */
public final class Users {

  /** One passwd entry. */
  public record User(String name, int uid, int gid, String home) {}

  private Users() {}

  /** The user named {@code nameOrId} (a name or a number), if the machine has one. */
  public static Optional<User> user(String nameOrId) {
    return getent("passwd", nameOrId).map(line -> line.split(":", -1)).filter(f -> f.length >= 7)
        .map(f -> new User(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[5]));
  }

  /** The number of the group named {@code nameOrId}, if the machine has one. */
  public static Optional<Integer> group(String nameOrId) {
    return getent("group", nameOrId).map(line -> line.split(":", -1)).filter(f -> f.length >= 3)
        .map(f -> Integer.parseInt(f[2]));
  }

  /**
   * This process's effective user id (from {@code /proc/self/status}), read once: a JVM never changes its own, and
   * the config reads it for every app of a file (300 reads were 90 ms of a {@code jpm apply}).
   */
  public static int effectiveUid() {
    return EffectiveUid.VALUE;
  }

  private static final class EffectiveUid {
    static final int VALUE = readEffectiveUid();
  }

  private static int readEffectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) return Integer.parseInt(line.split("\\s+")[2]);
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc is not mounted: jpm needs both anyway.
    }
    throw new IllegalStateException("cannot read this process's user id from /proc/self/status");
  }

  private static Optional<String> getent(String database, String key) {
    if (key.isBlank() || key.contains(":") || key.contains("\n")) return Optional.empty();
    try {
      Process process = new ProcessBuilder("getent", database, key).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 && !out.isEmpty() ? Optional.of(out.lines().findFirst().orElseThrow())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
