package dev.jpm.engine.supervise;

import dev.jpm.engine.os.Children;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The named pipes a dead daemon left for processes that are not adopted (ended, stopped, never named after their
 * pid): nobody will read them again, so a new daemon removes them before it launches anything.
 */
final class StalePipes {

  private static final System.Logger LOG = System.getLogger(StalePipes.class.getName());

  private StalePipes() {}

  /** Removes every entry of {@code folder} but the pipes of {@code adopted}. */
  static void remove(Path folder, Set<Long> adopted) {
    Set<Path> kept = new HashSet<>();
    adopted.forEach(pid -> kept.addAll(Children.pipesOf(folder, pid)));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (!kept.contains(entry)) Files.deleteIfExists(entry);
      }
    } catch (NoSuchFileException e) {
      // No app ever ran with named pipes here.
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not clear stale pipes in " + folder + ": " + e);
    }
  }
}
