package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.logs.LogBus;
import dev.jpm.engine.logs.LogLine;
import dev.jpm.engine.logs.LogStats;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.LogDateFormat;
import dev.jpm.engine.model.LogRotation;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.RestartPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The log pipeline with real children: every line, in order, whole, formatted, rotated, counted, streamed. */
class LogPipelineIT {

  private static final RestartPolicy ONCE = new RestartPolicy(false, 3, 300, 0, 0, Set.of());

  @RegisterExtension final SupervisorFixture fixture = new SupervisorFixture();

  private static LogSpec outOnly(Path out) {
    return new LogSpec(out.toString(), "/dev/null", null, true, false, null, false, null);
  }

  @Test
  void aMillionNumberedLinesReachTheFileInOrder() throws IOException {
    Path out = fixture.home.resolve("logs/spew-out.log");
    var id = new InstanceId("spew", 0);
    fixture.run(TestApps.command("spew", "seq", "1", "1000000").restart(ONCE).logs(outOnly(out)).build());
    awaitLines(id, 1_000_000);

    assertNumbered(Files.readAllLines(out), 1, 1_000_000);
    assertThat(fixture.logs.stats(id).lines()).isEqualTo(1_000_000);
    assertThat(fixture.logs.stats(id).droppedLines()).isZero();
  }

  @Test
  void theCombinedFileGetsWholeLinesOfBothStreams() throws IOException {
    Path logs = fixture.home.resolve("logs");
    var spec = new LogSpec(logs.resolve("mix-out.log").toString(), logs.resolve("mix-err.log").toString(),
        logs.resolve("mix.log").toString(), true, false, null, false, null);
    var id = new InstanceId("mix", 0);
    fixture.run(TestApps.fixture("mix", "interleave.sh", "5000").restart(ONCE).logs(spec).build());
    fixture.awaitStatus(id, ProcessStatus.STOPPED);

    List<String> combined = Files.readAllLines(logs.resolve("mix.log"));
    Pattern whole = Pattern.compile("(out|err)-\\d+-0{200}");
    assertThat(combined).hasSize(10_000).allMatch(line -> whole.matcher(line).matches());
    assertThat(Files.readAllLines(logs.resolve("mix-out.log"))).hasSize(5000).allMatch(l -> l.startsWith("out-"));
    assertThat(Files.readAllLines(logs.resolve("mix-err.log"))).hasSize(5000).allMatch(l -> l.startsWith("err-"));
  }

  @Test
  void jsonLinesParseWithPm2FieldNames() throws IOException {
    Path logs = fixture.home.resolve("logs");
    var spec = new LogSpec(logs.resolve("js-out.log").toString(), logs.resolve("js-err.log").toString(),
        logs.resolve("js.log").toString(), true, false, null, true, null);
    var id = new InstanceId("js", 0);
    fixture.run(TestApps.command("js", "sh", "-c", "echo 'say \"hi\"\\tthere'; echo oops >&2; printf 'no newline'")
        .restart(ONCE).logs(spec).build());
    fixture.awaitStatus(id, ProcessStatus.STOPPED);

    var json = JsonMapper.builder().build();
    List<JsonNode> out = Files.readAllLines(logs.resolve("js-out.log")).stream().map(json::readTree).toList();
    assertThat(out).extracting(n -> n.get("message").asString()).containsExactly("say \"hi\"\tthere", "no newline");
    assertThat(out.get(0).get("type").asString()).isEqualTo("out");
    assertThat(out.get(0).get("app_name").asString()).isEqualTo("js");
    assertThat(out.get(0).get("process_id").asInt()).isZero();
    assertThat(out.get(0).get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    JsonNode err = json.readTree(Files.readString(logs.resolve("js-err.log")));
    assertThat(err.get("type").asString()).isEqualTo("err");
    assertThat(Files.readAllLines(logs.resolve("js.log"))).hasSize(3);
  }

  @Test
  void aDayjsDateFormatPrefixesEveryLine() throws IOException {
    Path out = fixture.home.resolve("logs/dated.log");
    var spec = new LogSpec(out.toString(), "/dev/null", null, true, false,
        LogDateFormat.parse("YYYY-MM-DD HH:mm:ss.SSS Z"), false, null);
    var id = new InstanceId("dated", 0);
    fixture.run(TestApps.command("dated", "sh", "-c", "echo one; echo two").restart(ONCE).logs(spec).build());
    fixture.awaitStatus(id, ProcessStatus.STOPPED);

    assertThat(Files.readAllLines(out)).hasSize(2).allMatch(
        line -> line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} [+-]\\d\\d:\\d\\d: (one|two)"));
  }

  @Test
  void rotationBySizeUnderLoadLosesNoLineAndGzipFilesDecompress() throws IOException {
    Path out = fixture.home.resolve("logs/rot-out.log");
    var rotation = new LogRotation(100 * 1024, LogRotation.Interval.NONE, 100, true);
    var spec = new LogSpec(out.toString(), "/dev/null", null, true, false, null, false, null, rotation);
    var id = new InstanceId("rot", 0);
    fixture.run(TestApps.command("rot", "seq", "1", "300000").restart(ONCE).logs(spec).build());
    awaitLines(id, 300_000);
    await().atMost(SupervisorFixture.PATIENCE).until(() -> rotated(out).stream().allMatch(p -> p.toString().endsWith(".gz")));

    List<Path> archives = rotated(out);
    assertThat(archives).hasSizeGreaterThan(10);
    List<String> lines = new ArrayList<>();
    for (Path archive : archives) lines.addAll(gunzip(archive));
    lines.addAll(Files.readAllLines(out));
    assertNumbered(lines, 1, 300_000);
    assertThat(archives).allMatch(p -> sizeOf(p) > 0);
  }

  @Test
  void rotationKeepsTheNewestFilesOnly() throws IOException {
    Path out = fixture.home.resolve("logs/few-out.log");
    var rotation = new LogRotation(64 * 1024, LogRotation.Interval.NONE, 3, false);
    var spec = new LogSpec(out.toString(), "/dev/null", null, true, false, null, false, null, rotation);
    var id = new InstanceId("few", 0);
    fixture.run(TestApps.command("few", "seq", "1", "200000").restart(ONCE).logs(spec).build());
    awaitLines(id, 200_000);
    await().atMost(SupervisorFixture.PATIENCE).until(() -> rotated(out).size() == 3);

    List<String> lines = new ArrayList<>();
    for (Path kept : rotated(out)) lines.addAll(Files.readAllLines(kept));
    lines.addAll(Files.readAllLines(out));
    // The newest lines, contiguous up to the last one: rotation cut between lines and lost none.
    int first = Integer.parseInt(lines.getFirst());
    assertThat(first).isGreaterThan(1);
    assertNumbered(lines, first, 200_000);
  }

  @Test
  void aFullDiskKeepsTheAppRunningAndCountsTheLoss() {
    var spec = outOnly(Path.of("/dev/full"));
    var id = new InstanceId("full", 0);
    fixture.run(TestApps.fixture("full", "tick.sh", "0.01").logs(spec).build());

    LogStats.Counts counts = await().atMost(SupervisorFixture.PATIENCE)
        .until(() -> fixture.logs.stats(id), c -> c.droppedLines() >= 5);
    assertThat(counts.droppedBytes()).isPositive();
    assertThat(fixture.record(id).status()).isEqualTo(ProcessStatus.ONLINE);
    assertThat(fixture.record(id).restarts()).isZero();
  }

  /** Needs a tiny tmpfs (root and mount); elsewhere the /dev/full test above covers the counting. */
  @Test
  void writingResumesOnceTheDiskHasRoomAgain() throws Exception {
    Path disk = Files.createDirectories(fixture.home.resolve("tiny"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here");
    try {
      Path filler = disk.resolve("filler");
      try (var out = Files.newOutputStream(filler)) {
        out.write(new byte[60 * 1024]);
      } catch (IOException full) {
        // the disk is full now, as wanted
      }
      var id = new InstanceId("tiny", 0);
      Path log = disk.resolve("tiny-out.log");
      // ~400-byte lines: the page the filler leaves fills in ten ticks, not the 400 a bare "tick N" would take
      fixture.run(TestApps.fixture("tiny", "tick.sh", "0.01", "400").logs(outOnly(log)).build());
      await().atMost(SupervisorFixture.PATIENCE).until(() -> fixture.logs.stats(id).droppedLines() > 0);

      int before = Files.readAllLines(log).size();
      Files.delete(filler);
      long dropped = fixture.logs.stats(id).droppedLines();
      await().atMost(SupervisorFixture.PATIENCE).until(() -> Files.readAllLines(log).size() > before + 5);
      assertThat(fixture.record(id).status()).isEqualTo(ProcessStatus.ONLINE);
      assertThat(fixture.logs.stats(id).droppedLines()).isGreaterThanOrEqualTo(dropped);
      // A write cut by the full disk may leave a torn line (ended by jpm when writing resumes): skip it.
      List<Integer> ticks = Files.readAllLines(log).stream().filter(l -> l.matches("tick \\d+ \\.{400}"))
          .map(l -> Integer.parseInt(l.substring(5, l.indexOf(' ', 5)))).toList();
      assertThat(java.util.stream.IntStream.range(1, ticks.size()).anyMatch(i -> ticks.get(i) - ticks.get(i - 1) > 1))
          .as("the lines written while the disk was full are lost (a gap), not queued without bound: %s", ticks).isTrue();
      fixture.supervisor.stop(id);
    } finally {
      // lazy: when an assertion failed, the app still holds its log open and a plain umount would leave the mount
      new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void subscribersSeeLinesAndEventsAfterTheySubscribed() throws InterruptedException {
    var id = new InstanceId("live", 0);
    try (LogBus.Subscription live = fixture.logs.bus().subscribe(new LogBus.Filter("live", null, true, true))) {
      fixture.run(TestApps.fixture("live", "tick.sh", "0.05").logs(outOnly(fixture.home.resolve("live.log"))).build());
      List<LogLine> seen = new ArrayList<>();
      await().atMost(SupervisorFixture.PATIENCE).until(() -> {
        seen.addAll(live.poll(50, 100));
        return seen.stream().anyMatch(l -> l.text().equals("tick 3"));
      });
      assertThat(seen).anyMatch(l -> l.stream() == LogLine.Stream.EVENT && l.text().startsWith("started, pid"));
      assertThat(seen).filteredOn(l -> l.stream() == LogLine.Stream.OUT).extracting(LogLine::text)
          .startsWith("tick 0", "tick 1", "tick 2", "tick 3");
    }
  }

  @Test
  void flushEmptiesAnOpenFileAndReloadRecreatesAMovedOne() throws IOException {
    Path out = fixture.home.resolve("logs/fl-out.log");
    var spec = outOnly(out);
    var id = new InstanceId("fl", 0);
    fixture.run(TestApps.fixture("fl", "tick.sh", "0.02").logs(spec).build());
    await().atMost(SupervisorFixture.PATIENCE).until(() -> Files.exists(out) && Files.size(out) > 0);

    fixture.logs.truncate(fixture.logs.paths(id, spec));
    await().atMost(SupervisorFixture.PATIENCE).until(() -> Files.readString(out).startsWith("tick "));
    int firstAfterFlush = Integer.parseInt(Files.readAllLines(out).getFirst().substring(5));
    assertThat(firstAfterFlush).isPositive();

    Path moved = out.resolveSibling("fl-out.log.1");
    Files.move(out, moved);
    assertThat(fixture.logs.reopenAll()).isEqualTo(1);
    await().atMost(SupervisorFixture.PATIENCE).until(() -> Files.exists(out) && Files.size(out) > 0);
    int lastMoved = Integer.parseInt(Files.readAllLines(moved).getLast().substring(5));
    await().atMost(SupervisorFixture.PATIENCE).until(() -> Files.readAllLines(out).size() > 2);
    assertThat(Integer.parseInt(Files.readAllLines(out).getFirst().substring(5))).isEqualTo(lastMoved + 1);
  }

  /** Every line counted as written: on a loaded machine the exit may be processed before the pipe is drained. */
  private void awaitLines(InstanceId id, long lines) {
    await().atMost(SupervisorFixture.PATIENCE.multipliedBy(2)).until(() -> fixture.logs.stats(id).lines() == lines);
    fixture.awaitStatus(id, ProcessStatus.STOPPED);
  }

  private static void assertNumbered(List<String> lines, int first, int last) {
    assertThat(lines).hasSize(last - first + 1);
    for (int i = 0; i < lines.size(); i++)
      if (!lines.get(i).equals(Integer.toString(first + i)))
        throw new AssertionError("line " + (i + 1) + " is '" + lines.get(i) + "', expected " + (first + i));
  }

  private static List<Path> rotated(Path live) throws IOException {
    String stem = live.getFileName().toString().replace(".log", "__");
    try (Stream<Path> files = Files.list(live.getParent())) {
      return files.filter(p -> p.getFileName().toString().startsWith(stem)).sorted().toList();
    }
  }

  private static List<String> gunzip(Path archive) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
