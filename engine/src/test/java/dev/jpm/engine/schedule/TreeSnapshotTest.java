package dev.jpm.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots of a real folder: what counts as a change, what the ignore rules leave out. */
class TreeSnapshotTest {

  @TempDir Path root;
  @TempDir Path home;
  private IgnoreRules rules;

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(root.resolve("src"));
    Files.writeString(root.resolve("src/a.js"), "a");
    Files.writeString(root.resolve("server.js"), "s");
    rules = new IgnoreRules(List.of("node_modules", ".*", "*.tmp", "build/**"), List.of(root.resolve("api-out.log")),
        home);
  }

  private TreeSnapshot scan() {
    return TreeSnapshot.scan(List.of(root), rules);
  }

  @Test
  void addedChangedAndDeletedFilesAreChanges() throws IOException {
    TreeSnapshot before = scan();
    Files.writeString(root.resolve("src/a.js"), "a2");
    Files.writeString(root.resolve("src/new.js"), "n");
    Files.delete(root.resolve("server.js"));

    assertThat(scan().changedSince(before))
        .containsExactly(root.resolve("server.js"), root.resolve("src/a.js"), root.resolve("src/new.js"));
  }

  @Test
  void aTouchWithTheSameSizeIsAChange() throws IOException {
    TreeSnapshot before = scan();
    Files.setLastModifiedTime(root.resolve("server.js"), FileTime.fromMillis(1_000));
    assertThat(scan().changedSince(before)).containsExactly(root.resolve("server.js"));
  }

  @Test
  void ignoredNamesPathsDotfilesAndOwnLogsAreLeftOut() throws IOException {
    TreeSnapshot before = scan();
    Files.createDirectories(root.resolve("node_modules/lib"));
    Files.writeString(root.resolve("node_modules/lib/x.js"), "x");
    Files.createDirectories(root.resolve(".git"));
    Files.writeString(root.resolve(".git/HEAD"), "ref");
    Files.writeString(root.resolve(".env"), "A=1");
    Files.writeString(root.resolve("src/cache.tmp"), "t");
    Files.createDirectories(root.resolve("build/out"));
    Files.writeString(root.resolve("build/out/app.jar"), "j");
    Files.writeString(root.resolve("api-out.log"), "line");
    Files.writeString(root.resolve("api-out.log.1"), "rotated");

    TreeSnapshot after = scan();
    assertThat(after.changedSince(before)).isEmpty();
    assertThat(after.size()).isEqualTo(2);
  }

  @Test
  void aMissingRootIsAnEmptyTreeAndItsCreationAChange() throws IOException {
    Path later = root.resolve("later");
    TreeSnapshot before = TreeSnapshot.scan(List.of(later), rules);
    assertThat(before.size()).isZero();
    Files.createDirectories(later);
    Files.writeString(later.resolve("x.js"), "x");
    assertThat(TreeSnapshot.scan(List.of(later), rules).changedSince(before)).containsExactly(later.resolve("x.js"));
  }
}
