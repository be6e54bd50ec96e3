package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code jpm apply}'s forms against a real daemon: options with and without {@code =}, exit codes and errors. */
class ApplyFormsIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @BeforeEach
  void start() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
  }

  /** {@code jpm apply ARGS...} run from the work folder, where the tests write their files. */
  private JpmHarness.Result apply(String... args) {
    String[] withFolder = args.clone();
    for (int i = 0; i < withFolder.length; i++)
      if (withFolder[i].endsWith(".yaml")) withFolder[i] = jpm.work.resolve(withFolder[i]).toString();
    return jpm.run(withFolder);
  }

  @Test
  void appliesWithProfileAndOnlyThenFindsTheFileInSync() throws IOException {
    jpm.write("ecosystem.yaml", """
        apps:
          - name: web
            script: sleeper.sh
            min_uptime: 300ms
            env: {GREETING: hi}
            env_production: {GREETING: bonjour}
          - name: other
            script: sleeper.sh
            min_uptime: 300ms
        """);

    var first = apply("apply", "ecosystem.yaml", "--env", "production", "--only=web").expectExit(0);
    assertThat(first.out()).contains("+ start web#0").doesNotContain("other").contains("online");
    assertThat(jpm.run("logs", "web", "--lines", "5", "--nostream").out()).contains("greeting=bonjour");

    var again = apply("apply", "ecosystem.yaml", "--env=production", "--only", "web").expectExit(0);
    assertThat(again.out()).contains("in sync: nothing to do");
  }

  @Test
  void anInvalidFileIsReportedWithItsPlaceAndChangesNothing() throws IOException {
    jpm.write("ecosystem.yaml", "apps:\n  - name: web\n    script: sleeper.sh\n    max_restart: 3\n");

    var result = apply("apply", "ecosystem.yaml").expectExit(ExitCode.FAILURE);

    assertThat(result.err()).contains("ecosystem.yaml:4:5").contains("did you mean max_restarts")
        .contains("nothing was changed");
    assertThat(jpm.instances()).isEmpty();
  }

  @Test
  void aMissingFileFailsWithTheFailureHandlersWords() {
    var result = apply("apply", "nowhere.yaml").expectExit(ExitCode.FAILURE);
    assertThat(result.err()).startsWith("jpm: ").contains("nowhere.yaml: no such file");
  }

  @Test
  void aMissingOrRepeatedFileOrAnOptionWithoutItsValueIsAUsageError() {
    for (List<String> args : List.of(List.of("apply"), List.of("apply", "e.yaml", "f.yaml"),
        List.of("apply", "e.yaml", "--env"))) {
      JpmHarness.Result result = apply(args.toArray(String[]::new));
      assertThat(result.exit()).as("%s", args).isEqualTo(ExitCode.USAGE);
      assertThat(result.err()).as("%s", args).startsWith("jpm: ").contains("jpm apply --help lists what it takes");
    }
    assertThat(jpm.daemonPid()).as("no daemon is started for a command line that does not parse").isEmpty();
  }
}
