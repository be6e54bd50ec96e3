package dev.jpm.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.LogRotation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation and failure handling of one file, with a clock the test moves. */
class LogFileTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T23:59:58Z"));

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aFileAndFolderJpmCreatesAreOwnerOnly() throws IOException {
    Path live = dir.resolve("outside/api-out.log");
    LogFile file = LogFile.open(live, LogRotation.NONE, clock, UTC, Runnable::run);
    file.acquire();
    file.write(bytes("secret\n"), 0, 7);
    file.release();

    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(live)))
        .isEqualTo("rw-------");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(live.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void aSymlinkPlantedAtTheFilesNameIsNotFollowed() throws IOException {
    Path target = Files.writeString(dir.resolve("victim"), "untouched\n");
    Path live = dir.resolve("api-out.log");
    Files.createSymbolicLink(live, target);
    // The launch that opens it fails with this reason (the instance shows errored) rather than write through it.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogFile.open(live, LogRotation.NONE, clock, UTC,
        Runnable::run)).isInstanceOf(IOException.class).hasMessageContaining("cannot open log file " + live);

    assertThat(target).content().isEqualTo("untouched\n");
  }

  @Test
  void aDailyFileRotatesAtMidnightBetweenTwoLines() throws IOException {
    Path live = dir.resolve("api-out.log");
    LogFile file = LogFile.open(live, new LogRotation(0, LogRotation.Interval.DAILY, 5, false), clock, UTC, Runnable::run);
    file.acquire();
    file.write(bytes("before\n"), 0, 7);
    clock.now = Instant.parse("2026-03-02T00:00:01Z");
    file.write(bytes("after\n"), 0, 6);
    file.release();

    assertThat(live).content().isEqualTo("after\n");
    assertThat(rotated()).singleElement().satisfies(p -> {
      assertThat(p.getFileName().toString()).isEqualTo("api-out__2026-03-02_00-00-01-000.log");
      assertThat(p).content().isEqualTo("before\n");
    });
  }

  @Test
  void aPartialLineIsNeverCutByARotation() throws IOException {
    Path live = dir.resolve("api-out.log");
    LogFile file = LogFile.open(live, new LogRotation(10, LogRotation.Interval.NONE, 5, false), clock, UTC, Runnable::run);
    file.acquire();
    file.write(bytes("12345678"), 0, 8); // no newline yet: the file is not at a line start
    file.write(bytes("9\n"), 0, 2);
    file.write(bytes("next\n"), 0, 5);
    file.release();

    assertThat(rotated()).singleElement().satisfies(p -> assertThat(p).content().isEqualTo("123456789\n"));
    assertThat(live).content().isEqualTo("next\n");
  }

  @Test
  void onlyTheNewestRotatedFilesAreKept() throws IOException {
    Path live = dir.resolve("api.log");
    LogFile file = LogFile.open(live, new LogRotation(4, LogRotation.Interval.NONE, 2, false), clock, UTC, Runnable::run);
    file.acquire();
    for (int i = 0; i < 6; i++) {
      file.write(bytes(i + "..\n"), 0, 4);
      clock.now = clock.now.plusMillis(1);
    }
    file.release();

    assertThat(rotated()).hasSize(2).allSatisfy(p -> assertThat(p).content().matches("[34]\\.\\.\n"));
    assertThat(live).content().isEqualTo("5..\n");
  }

  @Test
  void manyRotationsInOneMillisecondKeepTheNewestLinesWhenPruned() throws IOException {
    Path live = dir.resolve("api.log");
    LogFile file = LogFile.open(live, new LogRotation(4, LogRotation.Interval.NONE, 2, false), clock, UTC, Runnable::run);
    file.acquire();
    for (int i = 0; i < 20; i++) file.write(bytes((char) ('a' + i) + "..\n"), 0, 4); // the clock stands still
    file.release();

    assertThat(rotated()).extracting(p -> Files.readString(p)).containsExactly("r..\n", "s..\n");
    assertThat(live).content().isEqualTo("t..\n");
  }

  @Test
  void aDeviceIsNeverRenamedAndAFailedWriteSaysSo() throws IOException {
    LogFile full = LogFile.open(Path.of("/dev/full"), new LogRotation(1, LogRotation.Interval.NONE, 1, false), clock,
        UTC, Runnable::run);
    full.acquire();

    assertThat(full.write(bytes("lost\n"), 0, 5)).isFalse();
    assertThat(full.write(bytes("lost\n"), 0, 5)).as("no retry before RETRY_MS").isFalse();
    clock.now = clock.now.plusMillis(LogFile.RETRY_MS);
    assertThat(full.write(bytes("lost\n"), 0, 5)).isFalse();
    full.release();
    assertThat(Path.of("/dev/full")).exists();
  }

  @Test
  void onAFullDiskWholeBlocksAreLostExactlyNoHalfLineStaysAndDaemonLogHearsOncePerEpisode() throws Exception {
    List<java.util.logging.LogRecord> said = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(LogFile.class.getName());
    java.util.logging.Handler listener = new java.util.logging.Handler() {
      @Override public void publish(java.util.logging.LogRecord record) {
        if (record.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) said.add(record);
      }
      @Override public void flush() {}
      @Override public void close() {}
    };
    logger.addHandler(listener);
    try (TinyDisk disk = TinyDisk.mount("64k")) {
      Path path = disk.path().resolve("app.log");
      LogFile file = LogFile.open(path, LogRotation.NONE, clock, UTC, Runnable::run);
      file.acquire();
      disk.fill();
      int written = 0;
      int lost = 0;
      // Blocks of 40 whole lines (~1.6 KiB), as the pipe reader hands them: some fit in what fill() left over.
      for (int block = 0; block < 30; block++) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) lines.append("block ").append(block).append(" line ").append(i).append(" ....................\n");
        byte[] bytes = bytes(lines.toString());
        if (file.write(bytes, 0, bytes.length)) written += 40;
        else lost += 40;
        clock.now = clock.now.plusMillis(LogFile.RETRY_MS); // a retry each time: still full
      }
      assertThat(lost).as("the disk was full").isPositive();

      List<String> inFile = Files.readAllLines(path);
      assertThat(inFile).as("exactly the blocks reported written").hasSize(written)
          .allSatisfy(line -> assertThat(line).matches("block \\d+ line \\d+ \\.{20}"));
      assertThat(Files.readString(path)).as("no half line at the end").matches("(?s)(.*\n)?");
      assertThat(said).as("one warning for the whole episode").hasSize(1)
          .allSatisfy(record -> assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING));

      disk.free();
      clock.now = clock.now.plusMillis(LogFile.RETRY_MS);
      assertThat(file.write(bytes("after\n"), 0, 6)).isTrue();
      assertThat(Files.readAllLines(path)).hasSize(written + 1).last().isEqualTo("after");
      assertThat(said).as("and one when it works again").hasSize(2);
      assertThat(said.get(1).getMessage()).contains("writable again");
      file.release();
    } finally {
      logger.removeHandler(listener);
    }
  }

  private List<Path> rotated() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().contains("__")).sorted().toList();
    }
  }

  /** A clock the test sets. */
  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    @Override
    public ZoneId getZone() {
      return UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
