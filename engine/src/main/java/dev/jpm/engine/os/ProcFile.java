package dev.jpm.engine.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;

/**
 * A {@code /proc} file opened once and read again from its start with one {@code pread} each time: the kernel
 * writes the file anew on every read, and the path lookup and open that a fresh read pays cost as much as the read
 * itself (decision 0034). An open {@code /proc/PID/...} file stays bound to the process it was opened for: once
 * that process is gone a read fails, even when its pid has been given to another. Plain descriptors through libc,
 * read into a direct buffer: a {@code FileChannel} costs a few microseconds more per read and an object per open,
 * which the metrics sampler would pay on every member of every tree at every sample (the {@code schedstat} that
 * tells it whether a member ran). Not thread-safe.
 */
public final class ProcFile implements AutoCloseable {

  private int fd;

  private ProcFile(int fd) {
    this.fd = fd;
  }

  /** Opens {@code path}; fails (NoSuchFileException) when it cannot, e.g. the process is gone. */
  public static ProcFile open(String path) throws IOException {
    int fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
    if (fd < 0) throw new NoSuchFileException(path, null, LibC.describe(LibC.errno()));
    return new ProcFile(fd);
  }

  /**
   * Reads the file from its start (up to the buffer's capacity) into {@code buffer}, which must be direct, and
   * sets its position to 0 and its limit to the bytes read; false when nothing could be read (the process it
   * belongs to is gone).
   */
  public boolean readInto(ByteBuffer buffer) {
    long read = fd < 0 ? -1 : LibC.pread(fd, buffer, buffer.capacity(), 0);
    buffer.clear().limit((int) Math.max(0, read));
    return read > 0;
  }

  /** {@code path} read once into {@code buffer} (open, read, close); false when it cannot be read. */
  public static boolean readOnce(String path, ByteBuffer buffer) {
    int fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
    if (fd < 0) {
      buffer.clear().limit(0);
      return false;
    }
    try (ProcFile file = new ProcFile(fd)) {
      return file.readInto(buffer);
    }
  }

  @Override
  public void close() {
    if (fd >= 0) LibC.close(fd);
    fd = -1;
  }
}
