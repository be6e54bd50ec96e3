package dev.jpm.engine.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.SpecBuilder;
import dev.jpm.engine.protocol.GitOpsStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A source whose apps crashed since the last sync shows Degraded; other sources' apps do not count. */
class LiveHealthTest {

  static final String FILE =
      Path.of(System.getProperty("java.io.tmpdir"), "jpm-home", "gitops", "prod", "ecosystem.yaml").toString();
  static final GitOpsStatus SYNCED = SourceStatuses.applied("abcdef0123", 1);

  static ObservedState table(String source, ProcessStatus status) {
    AppSpec spec = SpecBuilder.app("api").source(source).build();
    ProcessRecord record = new ProcessRecord(new InstanceId("api", 0), status, 0, 0, spec.specHash(), 0, 3, 3, 1,
        null, null, null, 0);
    return new ObservedState(Map.of("api", new ObservedApp(spec, List.of(record))));
  }

  @Test
  void anErroredAppOfTheSourceDegradesIt() {
    GitOpsStatus live = LiveHealth.of(SYNCED, FILE, table(FILE, ProcessStatus.ERRORED));
    assertThat(live.health()).isEqualTo("Degraded");
    assertThat(live.sync()).isEqualTo("Synced");
    assertThat(live.message()).isEqualTo("since abcdef0 was applied: api#0 is errored (last exit code 1)");
  }

  @Test
  void onlineAppsAndOtherSourcesAppsLeaveItHealthy() {
    assertThat(LiveHealth.of(SYNCED, FILE, table(FILE, ProcessStatus.ONLINE))).isEqualTo(SYNCED);
    assertThat(LiveHealth.of(SYNCED, FILE, table("/elsewhere.yaml", ProcessStatus.ERRORED))).isEqualTo(SYNCED);
  }
}
