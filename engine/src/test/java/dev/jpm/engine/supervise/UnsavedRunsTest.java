package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which pid files name a process the last daemon started and did not save. */
class UnsavedRunsTest {

  @TempDir Path dir;

  @Test
  void aPidFileHoldsOneDecimalNumber() {
    assertThat(UnsavedRuns.parsePid("4242\n")).hasValue(4242);
    assertThat(UnsavedRuns.parsePid("  17 ")).hasValue(17);
    assertThat(UnsavedRuns.parsePid("")).isEmpty();
    assertThat(UnsavedRuns.parsePid("0")).isEmpty();
    assertThat(UnsavedRuns.parsePid("-1")).isEmpty();
    assertThat(UnsavedRuns.parsePid("12 13")).isEmpty();
    assertThat(UnsavedRuns.parsePid("99999999999999999999")).isEqualTo(OptionalLong.empty());
  }

  @Test
  void onlyAProcessThatStartedWhenItsFileWasWrittenAndIsNotSavedCounts() throws IOException {
    ProcessHandle self = ProcessHandle.current();
    long startedMs = self.info().startInstant().orElseThrow().toEpochMilli();
    Path matching = write("pids/match.pid", self.pid(), startedMs);
    Path recycled = write("pids/recycled.pid", self.pid(), startedMs - 60_000);
    Path garbage = Files.writeString(dir.resolve("pids/garbage.pid"), "not a pid");
    Path elsewhere = write("custom/app-0.pid", self.pid(), startedMs);

    assertThat(UnsavedRuns.find(List.of(elsewhere, dir.resolve("missing.pid")), dir.resolve("pids"), Set.of()))
        .containsOnlyKeys(elsewhere, matching);
    assertThat(UnsavedRuns.find(List.of(elsewhere), dir.resolve("pids"), Set.of(self.pid()))).isEmpty();
    assertThat(UnsavedRuns.find(List.of(), dir.resolve("no-such-folder"), Set.of())).isEmpty();
    assertThat(List.of(recycled, garbage)).allSatisfy(file -> assertThat(file).exists());
  }

  private Path write(String name, long pid, long modifiedMs) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, pid + "\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMs));
    return file;
  }
}
