package dev.jpm.engine.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpm.engine.git.GitFailure;
import dev.jpm.engine.git.RevisionProbe;
import dev.jpm.engine.git.TestRemote;
import dev.jpm.engine.protocol.Request.Move;
import dev.jpm.engine.supervise.ChildEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pull, forward and backward move a real app's checkout, run post_update, and restart it; a failure undoes. */
class RevisionMovesIT {

  @TempDir Path temp;
  TestRemote remote;
  AppsFixture apps;
  Path checkout;
  String v1;
  List<String> progress = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    remote = new TestRemote(temp);
    apps = new AppsFixture(temp);
    v1 = remote.push("v1", Map.of("app/run.sh", AppsFixture.SLEEPER, "VERSION", "1\n"));
    checkout = remote.cloneTo(temp.resolve("checkout"));
  }

  @AfterEach
  void tearDown() {
    apps.close();
    remote.close();
  }

  void runApp(String postUpdate) {
    apps.apply(temp.resolve("ecosystem.yaml"), """
        apps:
          - name: web
            script: run.sh
            cwd: %s
            min_uptime: 300ms
            env:
              GREETING: hello
            post_update:
        %s
        """.formatted(checkout.resolve("app"), postUpdate));
  }

  RevisionMoves moves(Duration timeout) {
    RevisionCache cache = new RevisionCache(new RevisionProbe(Clock.systemUTC()), Clock.systemUTC());
    return new RevisionMoves(apps.restart(), cache, spec -> ChildEnvironment.of(spec, 0, System.getenv()), timeout);
  }

  String head() throws Exception {
    try (Git git = Git.open(checkout.toFile())) {
      return git.getRepository().resolve("HEAD").name();
    }
  }

  @Test
  void pullMovesToTheRemoteHeadRunsPostUpdateInTheRepositoryRootWithTheAppsEnvAndRestarts() throws Exception {
    runApp("      - echo \"$GREETING from $JPM_APP\" > built.txt");
    long pid = apps.instance("web").pid();
    String v2 = remote.push("v2", Map.of("VERSION", "2\n"));

    RevisionMoves.Moved moved = moves(Duration.ofSeconds(30)).move(Move.PULL, apps.spec("web"), null, progress::add);

    assertThat(moved.from()).isEqualTo(v1);
    assertThat(moved.to()).isEqualTo(v2);
    assertThat(moved.failures()).isEmpty();
    assertThat(head()).isEqualTo(v2);
    assertThat(Files.readString(checkout.resolve("VERSION"))).isEqualTo("2\n");
    assertThat(Files.readString(checkout.resolve("built.txt"))).isEqualTo("hello from web\n");
    assertThat(apps.instance("web").pid()).isNotEqualTo(pid);
    assertThat(apps.instance("web").restarts()).isEqualTo(1);
    assertThat(progress).anyMatch(line -> line.startsWith("pull web: " + v1.substring(0, 7) + " -> "));
    assertThat(progress).anyMatch(line -> line.contains("web#0") && line.contains("pull " + v2.substring(0, 7)));
  }

  @Test
  void aFailingPostUpdateMovesTheCheckoutBackAndLeavesTheAppAsItWas() throws Exception {
    runApp("""
              - echo compiling
              - echo "broken build" >&2; exit 3
              - echo never > never.txt
        """.stripTrailing());
    long pid = apps.instance("web").pid();
    remote.push("v2", Map.of("VERSION", "2\n"));

    assertThatThrownBy(() -> moves(Duration.ofSeconds(30)).move(Move.PULL, apps.spec("web"), null, progress::add))
        .isInstanceOf(GitFailure.class)
        .hasMessageContaining("`echo \"broken build\" >&2; exit 3` exited with 3")
        .hasMessageContaining("broken build")
        .hasMessageContaining("checkout moved back to " + v1.substring(0, 7));

    assertThat(head()).isEqualTo(v1);
    assertThat(Files.readString(checkout.resolve("VERSION"))).isEqualTo("1\n");
    assertThat(checkout.resolve("never.txt")).doesNotExist();
    assertThat(apps.instance("web").pid()).isEqualTo(pid);
    assertThat(apps.instance("web").restarts()).isZero();
  }

  @Test
  void aPostUpdateThatHangsIsKilledAtTheTimeoutAndUndone() throws Exception {
    runApp("      - echo waiting; sleep 30");
    remote.push("v2", Map.of("VERSION", "2\n"));

    assertThatThrownBy(() -> moves(Duration.ofMillis(500)).move(Move.PULL, apps.spec("web"), null, progress::add))
        .isInstanceOf(GitFailure.class).hasMessageContaining("timed out").hasMessageContaining("waiting");
    assertThat(head()).isEqualTo(v1);
  }

  @Test
  void forwardAndBackwardStepOneCommitAlongTheBranch() throws Exception {
    runApp("      - true");
    String v2 = remote.push("v2", Map.of("VERSION", "2\n"));
    String v3 = remote.push("v3", Map.of("VERSION", "3\n"));
    RevisionMoves moves = moves(Duration.ofSeconds(30));

    assertThatThrownBy(() -> moves.move(Move.BACKWARD, apps.spec("web"), null, progress::add))
        .isInstanceOf(GitFailure.class).hasMessageContaining("already at the first commit");
    assertThat(moves.move(Move.FORWARD, apps.spec("web"), null, progress::add).to()).isEqualTo(v2);
    assertThat(moves.move(Move.FORWARD, apps.spec("web"), null, progress::add).to()).isEqualTo(v3);
    assertThatThrownBy(() -> moves.move(Move.FORWARD, apps.spec("web"), null, progress::add))
        .isInstanceOf(GitFailure.class).hasMessageContaining("already at the newest commit");
    assertThat(moves.move(Move.BACKWARD, apps.spec("web"), null, progress::add).to()).isEqualTo(v2);
    assertThat(head()).isEqualTo(v2);
    assertThat(apps.instance("web").restarts()).isEqualTo(3);
  }

  @Test
  void pullToANamedCommitAndAlreadyUpToDate() throws Exception {
    runApp("      - true");
    String v2 = remote.push("v2", Map.of("VERSION", "2\n"));
    remote.push("v3", Map.of("VERSION", "3\n"));
    RevisionMoves moves = moves(Duration.ofSeconds(30));

    assertThat(moves.move(Move.PULL, apps.spec("web"), v2.substring(0, 10), progress::add).to()).isEqualTo(v2);
    RevisionMoves.Moved again = moves.move(Move.PULL, apps.spec("web"), v2, progress::add);
    assertThat(again.to()).isEqualTo(again.from());
    assertThat(apps.instance("web").restarts()).isEqualTo(1);
    assertThatThrownBy(() -> moves.move(Move.PULL, apps.spec("web"), "no-such-ref", progress::add))
        .isInstanceOf(GitFailure.class).hasMessageContaining("no commit no-such-ref");
  }

  @Test
  void localEditsAreNeverOverwritten() throws Exception {
    runApp("      - true");
    remote.push("v2", Map.of("VERSION", "2\n"));
    Files.writeString(checkout.resolve("VERSION"), "my edit\n");

    assertThatThrownBy(() -> moves(Duration.ofSeconds(30)).move(Move.PULL, apps.spec("web"), null, progress::add))
        .isInstanceOf(GitFailure.class).hasMessageContaining("uncommitted changes (VERSION)");
    assertThat(Files.readString(checkout.resolve("VERSION"))).isEqualTo("my edit\n");
  }
}
