package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code jpm apply}'s quick path against a real daemon: the same plan, table, exit codes and errors as picocli's. */
class QuickApplyIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @BeforeEach
  void start() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
  }

  private JpmHarness.Result quickApply(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var exit = QuickApply.run(args, jpm.environment(), jpm.work, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(exit).as("a plain apply is taken by the quick path").isPresent();
    return new JpmHarness.Result(exit.getAsInt(), out.toString(), err.toString());
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

    var first = quickApply("apply", "ecosystem.yaml", "--env", "production", "--only=web").expectExit(0);
    assertThat(first.out()).contains("+ start web#0").doesNotContain("other").contains("online");
    assertThat(jpm.run("logs", "web", "--lines", "5", "--nostream").out()).contains("greeting=bonjour");

    var again = quickApply("apply", "ecosystem.yaml", "--env=production", "--only", "web").expectExit(0);
    assertThat(again.out()).contains("in sync: nothing to do");
  }

  @Test
  void anInvalidFileIsReportedWithItsPlaceAndChangesNothing() throws IOException {
    jpm.write("ecosystem.yaml", "apps:\n  - name: web\n    script: sleeper.sh\n    max_restart: 3\n");

    var result = quickApply("apply", "ecosystem.yaml").expectExit(ExitCode.FAILURE);

    assertThat(result.err()).contains("ecosystem.yaml:4:5").contains("did you mean max_restarts")
        .contains("nothing was changed");
    assertThat(jpm.instances()).isEmpty();
  }

  @Test
  void aMissingFileFailsWithTheFailureHandlersWords() {
    var result = quickApply("apply", "nowhere.yaml").expectExit(ExitCode.FAILURE);
    assertThat(result.err()).startsWith("jpm: ").contains("nowhere.yaml: no such file");
  }

  @Test
  void onlyThePlainFormIsTaken() {
    for (List<String> args : List.of(List.of("apply"), List.of("apply", "-v", "e.yaml"), List.of("apply", "e.yaml",
        "f.yaml"), List.of("apply", "e.yaml", "--env"), List.of("apply", "--help"), List.of("diff", "e.yaml"),
        List.of("apply", "e.yaml", "--only="))) {
      assertThat(QuickApply.Arguments.of(args.toArray(String[]::new))).as("%s", args).isEmpty();
    }
    assertThat(QuickApply.Arguments.of(new String[] {"apply", "--prune", "e.yaml", "--only", "a,b"}))
        .contains(new QuickApply.Arguments("e.yaml", null, true, List.of("a", "b")));
  }
}
