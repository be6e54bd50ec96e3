package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** stop, restart and delete in their plain forms (the verbs PM2 users type all day) against a real daemon. */
class ControlVerbsIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @BeforeEach
  void start() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
    jpm.write("ecosystem.yaml", "apps:\n  - name: web\n    script: sleeper.sh\n    instances: 2\n    min_uptime: 300ms\n");
    jpm.run("apply", jpm.work.resolve("ecosystem.yaml").toString()).expectExit(0);
  }

  @Test
  void restartStopAndDeleteChangeTheProcesses() {
    long before = jpm.pid("web#1");

    jpm.run("restart", "web#1").expectExit(0);
    assertThat(jpm.pid("web#1")).isNotEqualTo(before).satisfies(pid -> assertThat(JpmHarness.alive(pid)).isTrue());
    JpmHarness.awaitGone(before);

    long stopped = jpm.pid("web#0");
    assertThat(jpm.run("stop", "web#0").expectExit(0).out()).contains("stopped");
    assertThat(JpmHarness.alive(stopped)).isFalse();

    long last = jpm.pid("web#1");
    jpm.run("del", "web#1", "all").expectExit(0);
    assertThat(JpmHarness.alive(last)).isFalse();
    assertThat(jpm.instances()).isEmpty();
  }

  @Test
  void anUnknownTargetFailsWithTheFailureHandlersWords() {
    JpmHarness.Result result = jpm.run("stop", "nothing");

    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.err()).startsWith("jpm: ").contains("process or namespace not found: 'nothing'");
  }

  @Test
  void aVerbWithoutTargetOrWithAnUnknownOptionIsAUsageErrorThatChangesNothing() {
    long web0 = jpm.pid("web#0");

    for (String[] args : new String[][] {{"stop"}, {"restart", "--bogus", "web"}, {"delete"}}) {
      JpmHarness.Result result = jpm.run(args);
      assertThat(result.exit()).as("%s", String.join(" ", args)).isEqualTo(ExitCode.USAGE);
      assertThat(result.err()).as("%s", String.join(" ", args)).startsWith("jpm: ").contains("--help lists");
    }
    assertThat(jpm.pid("web#0")).isEqualTo(web0);
  }
}
