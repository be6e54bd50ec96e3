package dev.jpm.engine.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The folder one daemon owns ({@code $JPM_HOME}, default {@code ~/.jpm}) and the well-known paths in it, which the
 * CLI and the daemon agree on. Never sent nor saved: it says where the daemon lives, not what it does.
 */
public record JpmHome(Path dir) {

  public JpmHome {
    dir = dir.toAbsolutePath().normalize();
  }

  /** {@code $JPM_HOME} when set and not blank, else {@code ~/.jpm}. */
  public static JpmHome fromEnvironment(Map<String, String> env) {
    String configured = env.get("JPM_HOME");
    if (configured != null && !configured.isBlank()) return new JpmHome(Path.of(configured));
    return new JpmHome(Path.of(System.getProperty("user.home"), ".jpm"));
  }

  public Path socket() {
    return dir.resolve("jpm.sock");
  }

  /** Linux's {@code sun_path} holds 108 bytes with its terminating zero. */
  static final int MAX_SOCKET_PATH = 107;

  /** Why no socket can live in this home (its path is too long for a Unix socket), or null when one can. */
  public String socketProblem() {
    int length = socket().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    return length <= MAX_SOCKET_PATH ? null : "JPM_HOME " + dir + " is too long for the daemon's Unix socket ("
        + length + " bytes for " + socket().getFileName() + "'s path, at most " + MAX_SOCKET_PATH
        + "); set a shorter JPM_HOME";
  }

  public Path state() {
    return dir.resolve("state.json");
  }

  public Path logs() {
    return dir.resolve("logs");
  }

  /** Where instances' pid files go unless an app names its own ({@code pid_file}). */
  public Path pids() {
    return dir.resolve("pids");
  }

  /** The named pipes that carry apps' output, so that it outlives the daemon (a FIFO per stream, 0600). */
  public Path pipes() {
    return dir.resolve("pipes");
  }

  public Path daemonLog() {
    return dir.resolve("daemon.log");
  }

  public Path lockFile() {
    return dir.resolve("daemon.lock");
  }

  /** The pid of the daemon that serves the home, written once it answers. */
  public Path daemonPid() {
    return dir.resolve("daemon.pid");
  }

  /**
   * The pid of a daemon that left the home to its successor ({@code jpm update}) and still serves its front ports
   * until the successor does.
   */
  public Path handOverPid() {
    return dir.resolve("handover.pid");
  }

  /** Creates the folder if needed and makes it owner-only (0700), whatever it was. */
  public void ensurePrivate() throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }
}
