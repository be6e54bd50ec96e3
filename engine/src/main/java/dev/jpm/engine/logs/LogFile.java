package dev.jpm.engine.logs;

import dev.jpm.engine.model.LogRotation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executor;

/**
 * One log file open for appending, shared by every stream that writes into it (an instance's out and err into
 * the combined file, the instances of a merged app): writes are serialized and each is one block of whole lines
 * from one writer, so lines of different writers never mix.
 *
 * <p>Rotation happens here, between two blocks: the file is renamed aside and a new one opened, so no line is
 * lost or copied; compression and pruning of the rotated file run on {@code background}. A write that fails
 * (disk full, permission) loses that whole block, which the caller counts: what part of it reached the file is cut
 * off again, so the count is exact and no half line stays behind. The file is then reopened at most every {@link
 * #RETRY_MS} and writing resumes as soon as it works again; daemon.log hears once when writing fails and once when
 * it works again, not on every retry.
 */
final class LogFile {

  private static final System.Logger LOG = System.getLogger(LogFile.class.getName());
  static final long RETRY_MS = 1000;
  static final long ROTATION_RETRY_MS = 60_000;

  private final Path path;
  private final LogRotation rotation;
  private final Clock clock;
  private final ZoneId zone;
  private final Executor background;
  private final RotatedFiles rotated;
  // Guarded by this.
  private FileChannel channel;
  private boolean regular;
  private long size;
  private boolean atLineStart = true;
  private long nextRotationMs = Long.MAX_VALUE;
  private long retryAtMs;
  /** Writes fail since the last warning; the next one that works says so. */
  private boolean failing;
  /** After a rename failed, rotation is not tried again before this (no warning on every write). */
  private long rotationBlockedUntilMs;
  private int users;
  /** Runs whose exit is being decided keep the file open for their replacement; they write nothing. */
  private int holds;

  private LogFile(Path path, LogRotation rotation, Clock clock, ZoneId zone, Executor background) {
    this.path = path;
    this.rotation = rotation;
    this.clock = clock;
    this.zone = zone;
    this.background = background;
    this.rotated = new RotatedFiles(path, zone);
  }

  /** Opens {@code path} (creating folders); an error here says which file and why. */
  static LogFile open(Path path, LogRotation rotation, Clock clock, ZoneId zone, Executor background)
      throws IOException {
    LogFile file = new LogFile(path, rotation, clock, zone, background);
    try {
      synchronized (file) {
        file.openChannel();
      }
    } catch (IOException e) {
      // NIO messages are often just the path; say what failed, it becomes the errored instance's reason.
      throw new IOException("cannot open log file " + path + " (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")", e);
    }
    return file;
  }

  Path path() {
    return path;
  }

  /** One more writer shares the file. */
  synchronized void acquire() {
    users++;
  }

  /** One writer is done; true when nobody uses the file any more (it is then closed). */
  synchronized boolean release() {
    users--;
    return closeIfUnused();
  }

  /** Keeps the file open without writing to it, until {@link #unhold()}. */
  synchronized void hold() {
    holds++;
  }

  /** One hold ended; true when nobody uses the file any more (it is then closed). */
  synchronized boolean unhold() {
    holds--;
    return closeIfUnused();
  }

  private boolean closeIfUnused() {
    if (users > 0 || holds > 0) return false;
    closeChannel();
    return true;
  }

  /** True when more than one writer shares the file: they must then write whole lines only. */
  synchronized boolean shared() {
    return users > 1;
  }

  /** Appends one block; false when it was lost (the caller counts it). Never throws. */
  synchronized boolean write(byte[] bytes, int offset, int length) {
    if (length == 0) return true;
    long now = clock.millis();
    if (channel == null && !retry(now)) return false;
    if (atLineStart && rotationDue(now, length)) rotate(now);
    if (channel == null) return false;
    long start = size;
    try {
      ByteBuffer block = ByteBuffer.wrap(bytes, offset, length);
      while (block.hasRemaining()) channel.write(block);
      size += length;
      atLineStart = bytes[offset + length - 1] == '\n';
      recovered();
      return true;
    } catch (IOException e) {
      cutBackTo(start);
      fail(now, e);
      return false;
    }
  }

  /** A block that failed half way: its part in the file goes, so the block is lost whole and counted exactly. */
  private void cutBackTo(long start) {
    if (!regular) return;
    try {
      if (channel.size() > start) channel.truncate(start);
    } catch (IOException e) {
      // The file keeps the part; endTornLine ends it at the next open so the next line starts clean.
      LOG.log(System.Logger.Level.DEBUG, "cutting " + path + " back failed: " + e);
    }
  }

  private void recovered() {
    if (!failing) return;
    failing = false;
    LOG.log(System.Logger.Level.INFO, "log " + path + " writable again");
  }

  /** {@code jpm flush}: empties the file in place (writers keep appending to it). */
  synchronized void truncate() {
    try {
      if (channel != null) channel.truncate(0);
      else if (Files.isRegularFile(path)) Files.newOutputStream(path).close();
      size = 0;
      atLineStart = true;
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "flushing " + path + " failed: " + e);
    }
  }

  /** {@code jpm reloadLogs}: reopens the path, so a file moved away by an outside rotation is recreated. */
  synchronized void reopen() {
    closeChannel();
    try {
      openChannel();
    } catch (IOException e) {
      fail(clock.millis(), e);
    }
  }

  private boolean rotationDue(long now, int incoming) {
    if (!regular || size == 0 || now < rotationBlockedUntilMs) return false;
    return (rotation.maxBytes() > 0 && size + incoming > rotation.maxBytes()) || now >= nextRotationMs;
  }

  /** Rename aside, reopen, and leave compression and pruning to the background. */
  private void rotate(long now) {
    Path aside = rotated.nameFor(now);
    closeChannel();
    try {
      Files.move(path, aside);
      background.execute(() -> {
        if (rotation.compress()) RotatedFiles.compress(aside);
        rotated.prune(rotation.keep());
      });
    } catch (IOException e) {
      rotationBlockedUntilMs = now + ROTATION_RETRY_MS;
      LOG.log(System.Logger.Level.WARNING, "rotating " + path + " failed; it keeps growing, next try in "
          + ROTATION_RETRY_MS / 1000 + " s: " + e);
    }
    try {
      openChannel();
    } catch (IOException e) {
      fail(now, e);
    }
  }

  private boolean retry(long now) {
    if (now < retryAtMs) return false;
    try {
      openChannel();
      endTornLine();
      return true;
    } catch (IOException e) {
      closeChannel();
      retryAtMs = now + RETRY_MS;
      return false;
    }
  }

  /** A write cut short by a full disk may have left half a line: end it, so the next line starts clean. */
  private void endTornLine() throws IOException {
    if (!regular || size == 0) return;
    ByteBuffer last = ByteBuffer.allocate(1);
    try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
      reader.read(last, size - 1);
    }
    if (last.get(0) == '\n') return;
    channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
    size++;
  }

  private void fail(long now, IOException e) {
    if (!failing)
      LOG.log(System.Logger.Level.WARNING, "writing log " + path + " failed (" + e
          + "); lines are counted as dropped and writing is retried every " + RETRY_MS + " ms");
    failing = true;
    closeChannel();
    retryAtMs = now + RETRY_MS;
  }

  private void openChannel() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    // Checked first: createDirectories on an existing folder builds and drops an exception, once per launch here.
    if (parent != null && !Files.isDirectory(parent)) Files.createDirectories(parent, OwnerOnly.FOLDER);
    // Owner-only when jpm creates it: an out_file outside the 0700 home must not be world-readable. Never through a
    // symlink at the file's name (O_NOFOLLOW): one planted by another user would send the output where it points.
    // /dev's links (/dev/stdout for a container's log) only root can place.
    java.util.Set<java.nio.file.OpenOption> options = new java.util.HashSet<>(java.util.Set.of(
        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    if (!path.toAbsolutePath().startsWith("/dev/")) options.add(java.nio.file.LinkOption.NOFOLLOW_LINKS);
    channel = FileChannel.open(path, options, OwnerOnly.FILE);
    // Never rename a device or a pipe (/dev/full, a FIFO): only regular files rotate.
    regular = Files.isRegularFile(path);
    size = regular ? channel.size() : 0;
    atLineStart = true;
    nextRotationMs = nextBoundary(clock.millis());
  }

  private void closeChannel() {
    if (channel == null) return;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing " + path + ": " + e);
    }
    channel = null;
  }

  private long nextBoundary(long nowMs) {
    ChronoUnit unit = switch (rotation.interval()) {
      case NONE -> null;
      case HOURLY -> ChronoUnit.HOURS;
      case DAILY -> ChronoUnit.DAYS;
    };
    if (unit == null) return Long.MAX_VALUE;
    ZonedDateTime now = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(nowMs), zone);
    return now.truncatedTo(unit).plus(1, unit).toInstant().toEpochMilli();
  }
}
