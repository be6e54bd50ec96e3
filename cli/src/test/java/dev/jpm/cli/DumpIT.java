package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.jpm.engine.logs.TinyDisk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** PM2's save, resurrect and cleardump against a real daemon with real processes. */
class DumpIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  private Path file;

  @BeforeEach
  void apps() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
    file = jpm.write("ecosystem.yaml", """
        apps:
          - name: web
            script: sleeper.sh
            instances: 2
            min_uptime: 300ms
            env: {GREETING: saved}
          - name: worker
            script: sleeper.sh
            min_uptime: 300ms
        """);
  }

  private List<String> ids() {
    return jpm.instances().stream().map(row -> row.path("id").asString()).sorted().toList();
  }

  @Test
  void resurrectBringsBackWhatWasSavedAndTwiceDuplicatesNothing() {
    jpm.run("apply", file.toString()).expectExit(0);
    assertThat(jpm.run("save").expectExit(0).out()).contains("saved 2 apps");
    long worker = jpm.pid("worker#0");

    jpm.run("delete", "web").expectExit(0);
    JpmHarness.Result first = jpm.run("resurrect").expectExit(0);
    assertThat(first.out()).contains("= keep worker (runs already)", "+ start web#0", "+ start web#1");
    assertThat(jpm.pid("worker#0")).as("an app that runs is not touched").isEqualTo(worker);
    assertThat(jpm.run("show", "web").out()).contains("saved").contains(file.toString());

    jpm.run("resurrect").expectExit(0);
    assertThat(ids()).containsExactly("web#0", "web#1", "worker#0");
    assertThat(jpm.instances()).allSatisfy(row -> assertThat(row.path("status").asString()).isEqualTo("online"));
    // What the file would do is what runs: resurrect brought back the file's apps as applied.
    assertThat(jpm.run("diff", file.toString()).expectExit(0).out()).contains("in sync");
  }

  @Test
  void anEmptyTableIsNotSavedWithoutForceAndCleardumpKeepsABackup() throws IOException {
    jpm.run("apply", file.toString()).expectExit(0);
    jpm.run("save").expectExit(0);
    jpm.run("delete", "all").expectExit(0);

    assertThat(jpm.run("save").expectExit(3).err()).contains("nothing to save", "--force");
    jpm.run("resurrect").expectExit(0);
    assertThat(ids()).containsExactly("web#0", "web#1", "worker#0");

    jpm.run("cleardump").expectExit(0);
    JsonNode backup = tools.jackson.databind.json.JsonMapper.shared()
        .readTree(Files.readString(jpm.home.resolve("dump.json.bak")));
    assertThat(backup.path("apps")).hasSize(2);
    jpm.run("delete", "all").expectExit(0);
    jpm.run("resurrect").expectExit(0);
    assertThat(jpm.instances()).isEmpty();
  }

  @Test
  void aDumpWrittenOnAFullDiskLeavesTheLastGoodOneReadable() throws Exception {
    try (TinyDisk disk = TinyDisk.mount("1m")) {
      try {
        runOnAFullDisk(disk);
      } finally {
        jpm.close(); // before the disk goes
      }
    }
  }

  private void runOnAFullDisk(TinyDisk disk) throws Exception {
    Path home = disk.path();
    jpm.setEnv("JPM_HOME", home.toString());
    jpm.home = home;
    jpm.run("apply", file.toString()).expectExit(0);
    jpm.run("save").expectExit(0);
    jpm.run("delete", "worker").expectExit(0);
    disk.fill();

    assertThat(jpm.run("save").expectExit(3).err()).contains("could not write", "the previous dump is unchanged");

    disk.free();
    jpm.run("resurrect").expectExit(0);
    assertThat(ids()).containsExactly("web#0", "web#1", "worker#0");
    assertThat(home.resolve("dump.json.tmp")).doesNotExist();
  }
}
