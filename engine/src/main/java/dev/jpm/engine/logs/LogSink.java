package dev.jpm.engine.logs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One log file opened for appending (never truncated), shared by the pumps that write into it: the combined file
 * takes both streams, so writes are synchronized and the file is closed when its last writer releases it.
 */
final class LogSink {

  private static final System.Logger LOG = System.getLogger(LogSink.class.getName());

  private final Path path;
  private final OutputStream out;
  private int writers;
  private boolean failed;

  private LogSink(Path path, OutputStream out, int writers) {
    this.path = path;
    this.out = out;
    this.writers = writers;
  }

  /** Opens (creating folders and the file) {@code path} for {@code writers} pumps. */
  static LogSink open(Path path, int writers) throws IOException {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      OutputStream stream = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new LogSink(path, new BufferedOutputStream(stream, 16 * 1024), writers);
    } catch (IOException e) {
      // NIO messages are often just the path; say what failed, it becomes the errored instance's reason.
      throw new IOException("cannot open log file " + path + " (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")", e);
    }
  }

  synchronized void write(byte[] bytes, int offset, int length) {
    if (failed) return;
    try {
      out.write(bytes, offset, length);
    } catch (IOException e) {
      fail(e);
    }
  }

  synchronized void flush() {
    if (failed) return;
    try {
      out.flush();
    } catch (IOException e) {
      fail(e);
    }
  }

  /** One writer is done; the last one closes the file. */
  synchronized void release() {
    if (--writers > 0) return;
    try {
      out.close();
    } catch (IOException e) {
      if (!failed) LOG.log(System.Logger.Level.WARNING, "closing log " + path + " failed", e);
    }
  }

  /** A full disk must not stop the pump (the child would block on a full pipe): log once, then discard. */
  private void fail(IOException e) {
    failed = true;
    LOG.log(System.Logger.Level.WARNING, "writing log " + path + " failed; further output is discarded", e);
  }
}
