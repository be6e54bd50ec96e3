package dev.jpm.engine.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The rotated siblings of one log file: {@code api-out.log} is renamed to
 * {@code api-out__2026-11-22_00-30-00-123.log} (then {@code .log.gz} once compressed). Names sort by time, so the
 * oldest are the first; the label is only a name, so a collision moves it one millisecond later.
 */
final class RotatedFiles {

  private static final System.Logger LOG = System.getLogger(RotatedFiles.class.getName());
  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss-SSS");

  private final Path live;
  private final String stem;
  private final String extension;
  private final ZoneId zone;
  private long lastLabelMs = Long.MIN_VALUE / 2;

  RotatedFiles(Path live, ZoneId zone) {
    this.live = live;
    this.zone = zone;
    String name = live.getFileName().toString();
    int dot = name.lastIndexOf('.');
    this.stem = (dot > 0 ? name.substring(0, dot) : name) + "__";
    this.extension = dot > 0 ? name.substring(dot) : "";
  }

  /**
   * A free name for the file rotated at {@code nowMs}, later than every name given before: under load a file can
   * rotate several times in one millisecond, and a name freed by pruning must not be reused for newer lines.
   * Called under the owning {@link LogFile}'s lock.
   */
  Path nameFor(long nowMs) {
    for (long ms = Math.max(nowMs, lastLabelMs + 1); ; ms++) {
      String label = LABEL.format(Instant.ofEpochMilli(ms).atZone(zone));
      Path candidate = live.resolveSibling(stem + label + extension);
      if (!Files.exists(candidate) && !Files.exists(gzipped(candidate))) {
        lastLabelMs = ms;
        return candidate;
      }
    }
  }

  /** Rotated files of this log, oldest first (a file and its half-written .gz count once). */
  List<Path> list() throws IOException {
    List<Path> found = new ArrayList<>();
    Path folder = live.toAbsolutePath().getParent();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, stem + "*")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.endsWith(extension) || name.endsWith(extension + ".gz")) found.add(entry);
      }
    }
    found.sort(null);
    return found;
  }

  /** Deletes the oldest rotated files beyond {@code keep}. */
  void prune(int keep) {
    try {
      List<Path> rotated = list();
      for (int i = 0; i < rotated.size() - keep; i++) Files.deleteIfExists(rotated.get(i));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "pruning rotated logs of " + live + " failed: " + e);
    }
  }

  /** Replaces {@code rotated} by {@code rotated.gz}; the original goes only once the archive is complete. */
  static void compress(Path rotated) {
    Path target = gzipped(rotated);
    Path partial = rotated.resolveSibling(target.getFileName() + ".tmp");
    try (InputStream in = Files.newInputStream(rotated);
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
      in.transferTo(out);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "compressing " + rotated + " failed; left uncompressed: " + e);
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // The rotated file itself is intact; a stray .tmp is only clutter.
      }
      return;
    }
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(rotated);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "finishing " + target + " failed: " + e);
    }
  }

  private static Path gzipped(Path file) {
    return file.resolveSibling(file.getFileName() + ".gz");
  }
}
