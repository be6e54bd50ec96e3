package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ExecMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcosystemLoaderTest {

  @TempDir Path temp;
  LoaderFixture fx;

  @BeforeEach
  void setUp() {
    fx = new LoaderFixture(temp).script("server.js").script("worker.py");
  }

  @Test
  void loadsYamlAppsWithPm2Defaults() {
    LoadResult result = fx.load("ecosystem.yaml", """
        apps:
          - name: api
            script: server.js
            args: --port 80
            instances: 2
            exec_mode: cluster
          - script: worker.py
        """);

    assertThat(result.errors()).isEmpty();
    List<AppSpec> apps = result.desired().apps();
    AppSpec api = apps.get(0);
    assertThat(api.command()).containsExactly("node", fx.path("server.js"), "--port", "80");
    assertThat(api.instances()).isEqualTo(2);
    assertThat(api.execMode()).isEqualTo(ExecMode.CLUSTER);
    assertThat(api.cwd()).isEqualTo(fx.dir.toString());
    assertThat(api.restart().maxRestarts()).isEqualTo(16);
    assertThat(api.restart().minUptimeMs()).isEqualTo(1000);
    assertThat(api.stop().signal()).isEqualTo("INT");
    assertThat(api.stop().killTimeoutMs()).isEqualTo(1600);
    assertThat(api.listenTimeoutMs()).isEqualTo(3000);
    assertThat(api.namespace()).isEqualTo("default");
    assertThat(api.instanceVar()).isEqualTo("NODE_APP_INSTANCE");
    assertThat(api.autostart()).isTrue();
    assertThat(api.source()).isEqualTo(fx.path("ecosystem.yaml"));
    AppSpec worker = apps.get(1);
    assertThat(worker.name()).isEqualTo("worker");
    assertThat(worker.command()).containsExactly("python3", fx.path("worker.py"));
    assertThat(worker.env()).containsEntry("PYTHONUNBUFFERED", "1");
    assertThat(api.env()).isEmpty();
    assertThat(worker.execMode()).isEqualTo(ExecMode.FORK);
    assertThat(worker.logs().outFile()).isEqualTo(fx.home.resolve("logs/worker-out.log").toString());
    assertThat(worker.logs().errorFile()).isEqualTo(fx.home.resolve("logs/worker-error.log").toString());
  }
}
