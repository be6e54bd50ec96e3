package dev.jpm.engine.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A {@code /proc} file opened once and read again from its start with one {@code pread} each time: the kernel
 * writes the file anew on every read, and the path lookup and open that a fresh read pays cost twice the read
 * itself (decision 0034). An open {@code /proc/PID/...} file stays bound to the process it was opened for: once
 * that process is gone a read fails, even when its pid has been given to another. Not thread-safe.
 */
public final class ProcFile implements AutoCloseable {

  private final FileChannel channel;

  private ProcFile(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens {@code path}; fails (NoSuchFileException) when it does not exist, e.g. the process is gone. */
  public static ProcFile open(Path path) throws IOException {
    return new ProcFile(FileChannel.open(path));
  }

  /**
   * Reads the whole file (up to the buffer's capacity) into {@code buffer}, flipped for reading; false when the
   * process it belongs to is gone.
   */
  public boolean readInto(ByteBuffer buffer) {
    buffer.clear();
    try {
      int read = channel.read(buffer, 0);
      buffer.flip();
      return read > 0;
    } catch (IOException e) { // ESRCH: the process has been reaped
      buffer.clear().limit(0);
      return false;
    }
  }

  /** {@code path} read once into {@code buffer} (open, read, close); false when it cannot be read. */
  public static boolean readOnce(Path path, ByteBuffer buffer) {
    try (ProcFile file = open(path)) {
      return file.readInto(buffer);
    } catch (IOException e) {
      buffer.clear().limit(0);
      return false;
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // A read-only /proc file: nothing was buffered that closing could lose.
    }
  }
}
