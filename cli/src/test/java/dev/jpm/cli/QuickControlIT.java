package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.Request;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** stop, restart and delete the quick way against a real daemon: the same outcome and words as picocli's path. */
class QuickControlIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @BeforeEach
  void start() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
    jpm.write("ecosystem.yaml", "apps:\n  - name: web\n    script: sleeper.sh\n    instances: 2\n    min_uptime: 300ms\n");
    jpm.run("apply", jpm.work.resolve("ecosystem.yaml").toString()).expectExit(0);
  }

  private JpmHarness.Result quick(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var exit = QuickControl.run(args, jpm.environment(), new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(exit).as("a plain %s is taken by the quick path", args[0]).isPresent();
    return new JpmHarness.Result(exit.getAsInt(), out.toString(), err.toString());
  }

  @Test
  void restartStopAndDeleteChangeTheProcessesAsThePicocliVerbsDo() {
    long before = jpm.pid("web#1");

    quick("restart", "web#1").expectExit(0);
    assertThat(jpm.pid("web#1")).isNotEqualTo(before).satisfies(pid -> assertThat(JpmHarness.alive(pid)).isTrue());
    JpmHarness.awaitGone(before);

    long stopped = jpm.pid("web#0");
    assertThat(quick("stop", "web#0").expectExit(0).out()).contains("stopped");
    assertThat(JpmHarness.alive(stopped)).isFalse();

    long last = jpm.pid("web#1");
    quick("del", "all").expectExit(0);
    assertThat(JpmHarness.alive(last)).isFalse();
    assertThat(jpm.instances()).isEmpty();
  }

  @Test
  void anUnknownTargetFailsWithTheSameWordsAndExitCodeAsPicoclisPath() {
    JpmHarness.Result viaPicocli = jpm.run("stop", "nothing");
    JpmHarness.Result viaQuick = quick("stop", "nothing");

    assertThat(viaQuick.exit()).isEqualTo(viaPicocli.exit()).isNotZero();
    assertThat(viaQuick.err()).isEqualTo(viaPicocli.err()).startsWith("jpm: ");
  }

  @Test
  void onlyThePlainFormIsTaken() {
    for (List<String> args : List.of(List.of("stop"), List.of("start", "web"), List.of("stop", "-v", "web"),
        List.of("restart", "--help"), List.of("delete", "web app"), List.of("ls", "web"))) {
      assertThat(QuickControl.request(args.toArray(String[]::new))).as("%s", args).isEmpty();
    }
    assertThat(QuickControl.request(new String[] {"del", "web#1", "all"}))
        .contains(new Request.Control(Request.Verb.DELETE, List.of("web#1", "all")));
  }
}
