package dev.jpm.engine.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * A named pipe that carries one stream of one child, so that the stream outlives the daemon that reads it. The
 * daemon opens the read end ({@code O_RDONLY|O_NONBLOCK}); the child opens the same path {@code O_RDWR} through
 * the spawn's file actions, so it holds a read end itself and a write never raises SIGPIPE while no daemon reads:
 * the pipe fills and the writer blocks until a new daemon opens the path again and reads on. Created under a
 * temporary name, then named after the child's pid once it runs ({@code PID.out}, {@code PID.err}), which is how
 * the next daemon finds it. See docs/decisions/0002-adopting-apps.md.
 */
final class Fifo {

  private Fifo() {}

  /** A new FIFO (0600) in {@code folder} (made 0700 if absent) under a temporary name, with its read end open. */
  static Opened create(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Path path = folder.resolve("new-" + UUID.randomUUID() + ".fifo");
    if (LibC.mkfifo(path.toString(), 0600) != 0) {
      throw new IOException("mkfifo " + path + " failed: " + LibC.describe(LibC.errno()));
    }
    try {
      return new Opened(path, openReadEnd(path));
    } catch (IOException e) {
      Files.deleteIfExists(path);
      throw e;
    }
  }

  /** The read end of an existing FIFO, non-blocking (it opens at once, writer or not) and close-on-exec. */
  static int openReadEnd(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new IOException("no pipe " + path);
    int fd = LibC.open(path.toString(), LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
    if (fd < 0) throw new IOException("cannot open pipe " + path + ": " + LibC.describe(LibC.errno()));
    return fd;
  }

  /** Where the FIFO of {@code pid}'s stream ({@code "out"} or {@code "err"}) lives once the child runs. */
  static Path of(Path folder, long pid, String stream) {
    return folder.resolve(pid + "." + stream);
  }

  /** Gives the FIFO its pid name; its descriptors (ours and the child's) are unaffected. */
  static Path name(Path temporary, long pid, String stream) throws IOException {
    Path named = of(temporary.getParent(), pid, stream);
    Files.move(temporary, named, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return named;
  }

  /** A FIFO and its read end. */
  record Opened(Path path, int readFd) {}
}
