package dev.jpm.engine.daemon;

import dev.jpm.engine.balance.Balancer;
import dev.jpm.engine.home.HandOverNote;
import dev.jpm.engine.home.JpmHome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * {@code jpm update} without a refused connection. The old daemon stops supervising and reading its apps' pipes,
 * saves its table, says it is handing over ({@code handover.pid}), removes {@code daemon.pid} and releases the
 * home's lock, but keeps its front ports serving. The successor adopts the apps and listens on the same ports beside
 * it ({@code SO_REUSEPORT}); once the successor answers ({@code daemon.pid} names it), the old daemon closes each
 * front port as soon as its accept queue is empty, waits for the connections it spliced to end, and exits.
 */
final class HandOver {

  private static final System.Logger LOG = System.getLogger(HandOver.class.getName());
  /** How long the old daemon waits for a successor before it stops serving anyway. */
  static final Duration SUCCESSOR_PATIENCE = Duration.ofSeconds(60);
  /** How long connections spliced by the old daemon may run on after it stopped listening. */
  static final Duration CONNECTION_PATIENCE = Duration.ofSeconds(30);

  private final JpmHome home;
  private final long self = ProcessHandle.current().pid();

  HandOver(JpmHome home) {
    this.home = home;
  }

  /** Whether a predecessor still serves front ports for this home (then front ports join its sockets). */
  static boolean predecessorServing(JpmHome home) {
    return HandOverNote.read(home).map(HandOverNote::fromAnotherLiveProcess).orElse(false);
  }

  /**
   * The home is the successor's from now on: written before the lock is released. With {@code startsSuccessor} no
   * command starts a daemon meanwhile: this one starts it (see {@link #startSuccessor}).
   */
  void leaveHome(boolean startsSuccessor) throws IOException {
    AtomicFile.write(home.handOverPid(),
        new HandOverNote(self, startsSuccessor).text().getBytes(StandardCharsets.US_ASCII));
    Files.deleteIfExists(home.daemonPid());
  }

  /**
   * Under a service manager: the successor is this daemon's child, so it runs inside the unit, with the unit's
   * environment and output, started by the same launcher ({@code JPM_LAUNCHER daemon --foreground}: after an upgrade,
   * the new jpm). The caller then makes it the unit's main process ({@code MAINPID=}).
   */
  static Process startSuccessor(JpmHome home, String launcher) throws IOException {
    ProcessBuilder successor = new ProcessBuilder(launcher, "daemon", "--foreground").inheritIO()
        .directory(home.dir().toFile());
    successor.environment().put("JPM_HOME", home.dir().toString());
    return successor.start();
  }

  /** After the lock is released: serves until the successor does, then hands the front ports over. */
  void serveUntilSucceeded(Balancer balancer) throws InterruptedException {
    try {
      if (!awaitSuccessor()) LOG.log(Level.WARNING, "no daemon took over within " + SUCCESSOR_PATIENCE.toSeconds()
          + " s; the front ports close now");
      if (!balancer.handOver(CONNECTION_PATIENCE))
        LOG.log(Level.WARNING, "connections still open after " + CONNECTION_PATIENCE.toSeconds() + " s; closed");
    } finally {
      if (HandOverNote.read(home).map(HandOverNote::pid).orElse(-1L) == self) deleteQuietly(home.handOverPid());
    }
  }

  private boolean awaitSuccessor() throws InterruptedException {
    long deadline = System.nanoTime() + SUCCESSOR_PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      OptionalLong serving = readPid(home.daemonPid());
      if (serving.isPresent() && serving.getAsLong() != self) return true;
      Thread.sleep(20);
    }
    return false;
  }

  private static OptionalLong readPid(Path file) {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException none) {
      return OptionalLong.empty();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not remove " + file + ": " + e);
    }
  }
}
