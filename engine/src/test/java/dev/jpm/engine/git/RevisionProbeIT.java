package dev.jpm.engine.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.RevisionView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revision info of a real checkout: fields, ahead/behind its remote-tracking branch, unstaged changes. */
class RevisionProbeIT {

  @TempDir Path temp;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsTheFieldsFromASubfolderOfTheCheckout() throws Exception {
    try (TestRemote remote = new TestRemote(temp)) {
      String first = remote.push("first commit\n\nbody", Map.of("app/run.sh", "echo hi\n"));
      Path checkout = remote.cloneTo(temp.resolve("checkout"));

      RevisionView revision = new RevisionProbe(clock).probe(checkout.resolve("app")).orElseThrow();

      assertThat(revision.type()).isEqualTo("git");
      assertThat(revision.repoPath()).isEqualTo(checkout.toString());
      assertThat(revision.branch()).isEqualTo("main");
      assertThat(revision.revision()).isEqualTo(first);
      assertThat(revision.comment()).isEqualTo("first commit");
      assertThat(revision.author()).isEqualTo("Ada Tester");
      assertThat(revision.commitTimeMs()).isPositive();
      assertThat(revision.remoteUrl()).isEqualTo(remote.url());
      assertThat(revision.ahead()).isZero();
      assertThat(revision.behind()).isZero();
      assertThat(revision.unstaged()).isFalse();
      assertThat(revision.probedAtMs()).isEqualTo(clock.millis());
    }
  }

  @Test
  void countsAheadAndBehindAndSeesUnstagedChanges() throws Exception {
    try (TestRemote remote = new TestRemote(temp)) {
      remote.push("first", Map.of("run.sh", "echo 1\n"));
      Path checkout = remote.cloneTo(temp.resolve("checkout"));
      remote.push("second", Map.of("run.sh", "echo 2\n"));
      remote.push("third", Map.of("run.sh", "echo 3\n"));
      try (Git local = Git.open(checkout.toFile())) {
        local.fetch().call();
        Files.writeString(checkout.resolve("local.txt"), "mine\n");
        local.add().addFilepattern("local.txt").call();
        local.commit().setMessage("local work").setSign(false).call();
      }
      Files.writeString(checkout.resolve("run.sh"), "echo edited\n");

      RevisionView revision = new RevisionProbe(clock).probe(checkout).orElseThrow();

      assertThat(revision.ahead()).isEqualTo(1);
      assertThat(revision.behind()).isEqualTo(2);
      assertThat(revision.comment()).isEqualTo("local work");
      assertThat(revision.unstaged()).isTrue();
    }
  }

  @Test
  void aFolderOutsideAnyRepositoryHasNoRevision() throws Exception {
    Path plain = Files.createDirectories(temp.resolve("plain"));
    // The temp folder itself may sit inside a repository on a developer's machine; /tmp does not here.
    assertThat(new RevisionProbe(clock).probe(plain)).isEmpty();
  }
}
