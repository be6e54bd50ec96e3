package dev.jpm.engine.os;

import java.io.IOException;

/**
 * A pipe from a child to the daemon. Both ends are close-on-exec, so no other child inherits them (the child gets
 * its write end through a dup2 file action, which clears the flag on the copy). Only the read end is non-blocking:
 * the flag lives on the open file description, and a child whose stdout returned EAGAIN would lose output or die;
 * a full pipe must simply block it until the event loop reads.
 *
 * @param readFd the daemon's end, watched by the event loop
 * @param writeFd the child's end, closed in the daemon as soon as the child is spawned
 */
record Pipe(int readFd, int writeFd) {

  static Pipe open() throws IOException {
    int[] fds = new int[2];
    if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0) throw new IOException("pipe2 failed: " + LibC.describe(LibC.errno()));
    int flags = LibC.fcntl(fds[0], LibC.F_GETFL, 0);
    if (flags < 0 || LibC.fcntl(fds[0], LibC.F_SETFL, flags | LibC.O_NONBLOCK) != 0) {
      int errno = LibC.errno();
      close(fds[0]);
      close(fds[1]);
      throw new IOException("making a pipe non-blocking failed: " + LibC.describe(errno));
    }
    return new Pipe(fds[0], fds[1]);
  }

  /** Closes {@code fd} unless it is -1; close errors on a pipe end mean nothing we could act on. */
  static void close(int fd) {
    if (fd >= 0) LibC.close(fd);
  }
}
