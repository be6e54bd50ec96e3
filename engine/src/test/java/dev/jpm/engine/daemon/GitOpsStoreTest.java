package dev.jpm.engine.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.GitOpsSource;
import dev.jpm.engine.protocol.GitOpsState;
import dev.jpm.engine.protocol.GitOpsStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitOps sources survive a daemon restart; an unreadable file is set aside, never deleted. */
class GitOpsStoreTest {

  @TempDir Path home;

  @Test
  void sourcesAndStatusesRoundTrip() {
    GitOpsStore store = new GitOpsStore(home.resolve("gitops.json"));
    List<GitOpsState> sources = List.of(new GitOpsState(
        new GitOpsSource("prod", "https://example.test/ops.git", "main", "deploy/eco.yaml", "production", 60_000, true),
        new GitOpsStatus("aaa", "bbb", "OutOfSync", "Degraded", "bbb is invalid", 42)));

    store.save(sources);

    assertThat(new GitOpsStore(home.resolve("gitops.json")).load()).isEqualTo(sources);
    assertThat(home.resolve("gitops.json.tmp")).doesNotExist();
  }

  @Test
  void noFileMeansNoSourcesAndAnUnreadableOneIsSetAside() throws Exception {
    GitOpsStore store = new GitOpsStore(home.resolve("gitops.json"));
    assertThat(store.load()).isEmpty();

    Files.writeString(home.resolve("gitops.json"), "{ not json");

    assertThat(store.load()).isEmpty();
    assertThat(Files.readString(home.resolve("gitops.json.unreadable"))).isEqualTo("{ not json");
  }
}
