package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.git.TestRemote;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Revision info in show, pull with post_update, and GitOps sources, through the CLI against a real daemon. */
class GitIT {

  @TempDir Path temp;
  @RegisterExtension final JpmHarness jpm = new JpmHarness();
  TestRemote remote;

  @BeforeEach
  void start() throws Exception {
    remote = new TestRemote(temp.resolve("git"));
  }

  @AfterEach
  void stop() {
    remote.close();
  }

  Path appFromCheckout(String... postUpdate) throws Exception {
    remote.push("first version", Map.of("app/run.sh", ApplyIT.SLEEPER, "VERSION", "1\n"));
    Path checkout = remote.cloneTo(jpm.work.resolve("checkout"));
    StringBuilder commands = new StringBuilder();
    for (String command : postUpdate) commands.append("\n      - '").append(command).append("'");
    return jpm.write("ecosystem.yaml", """
        apps:
          - name: web
            script: run.sh
            cwd: %s
            min_uptime: 300ms
            post_update:%s
        """.formatted(checkout.resolve("app"), commands));
  }

  @Test
  void showHasTheRevisionAndPullMovesTheCheckoutAndRestarts() throws Exception {
    Path file = appFromCheckout("echo built > built.txt");
    jpm.run("apply", file.toString()).expectExit(0);
    assertThat(jpm.run("apply", file.toString()).expectExit(0).err()).doesNotContain("post_update");

    String show = jpm.run("show", "web").expectExit(0).out();
    assertThat(show).contains("revision (git)", "branch", "main", "first version", "Ada Tester", "0 / 0");
    long pid = jpm.pid("web#0");
    String second = remote.push("second version", Map.of("VERSION", "2\n"));

    JpmHarness.Result pull = jpm.run("pull", "web").expectExit(0);

    assertThat(pull.out()).contains("web: ", " -> " + second.substring(0, 7));
    assertThat(jpm.pid("web#0")).isNotEqualTo(pid);
    assertThat(jpm.run("show", "web").expectExit(0).out()).contains(second, "second version");
    assertThat(jpm.run("show", "web", "--json").expectExit(0).out()).contains("\"revision\"", second);
  }

  @Test
  void revisionInfoIsCachedUntilTheAppRestarts() throws Exception {
    Path file = appFromCheckout("true");
    jpm.run("apply", file.toString()).expectExit(0);
    assertThat(jpm.run("show", "web").expectExit(0).out()).contains("first version");
    try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(jpm.work.resolve("checkout").toFile())) {
      java.nio.file.Files.writeString(jpm.work.resolve("checkout/VERSION"), "local\n");
      git.commit().setAll(true).setMessage("committed by hand").setSign(false).call();
    }

    assertThat(jpm.run("show", "web").expectExit(0).out()).contains("first version").doesNotContain("by hand");
    jpm.run("restart", "web").expectExit(0);

    assertThat(jpm.run("show", "web").expectExit(0).out()).contains("committed by hand", "1 / 0");
  }

  @Test
  void aFailingPostUpdateExitsNonZeroWithTheCommandsOutputAndChangesNothing() throws Exception {
    Path file = appFromCheckout("echo compiling", "echo \"missing dependency\" >&2; exit 4");
    jpm.run("apply", file.toString()).expectExit(0);
    long pid = jpm.pid("web#0");
    remote.push("second version", Map.of("VERSION", "2\n"));

    JpmHarness.Result pull = jpm.run("pull", "web").expectExit(3);

    assertThat(pull.err()).contains("exited with 4", "missing dependency", "checkout moved back to",
        "web was not restarted");
    assertThat(jpm.pid("web#0")).isEqualTo(pid);
    assertThat(jpm.run("show", "web").expectExit(0).out()).contains("first version");
    assertThat(jpm.run("backward", "web").expectExit(3).err()).contains("already at the first commit");
  }

  @Test
  void gitopsAddDiffSyncSurvivesADaemonRestartAndRm() throws Exception {
    String first = remote.push("one", Map.of("deploy/ecosystem.yaml", ecosystem("one"), "deploy/run.sh",
        ApplyIT.SLEEPER));

    JpmHarness.Result add = jpm.run("gitops", "add", "prod", "--repo", remote.url(), "--ref", "main", "--path",
        "deploy/ecosystem.yaml", "--interval", "1h").expectExit(0);
    assertThat(add.out()).contains("prod", first.substring(0, 7), "Synced", "Healthy");
    assertThat(jpm.status("api#0")).isEqualTo("online");

    remote.push("two", Map.of("deploy/ecosystem.yaml", ecosystem("two")));
    long pid = jpm.pid("api#0");
    assertThat(jpm.run("diff", "--gitops", "prod").expectExit(1).out()).contains("GREETING");
    assertThat(jpm.pid("api#0")).isEqualTo(pid);
    jpm.run("gitops", "sync", "prod").expectExit(0);
    assertThat(jpm.pid("api#0")).isNotEqualTo(pid);
    assertThat(jpm.run("show", "api").out()).contains("env.GREETING", "two");

    String bad = remote.push("bad", Map.of("deploy/ecosystem.yaml", ecosystem("three").replace("300ms", "soon")));
    JpmHarness.Result sync = jpm.run("gitops", "sync", "prod").expectExit(1);
    assertThat(sync.out()).contains("OutOfSync", "Degraded", bad.substring(0, 7) + " is invalid", "min_uptime");
    assertThat(jpm.run("show", "api").out()).contains("two");

    jpm.run("kill").expectExit(0);
    String ls = jpm.run("gitops", "ls").expectExit(0).out();
    assertThat(ls).contains("prod", bad.substring(0, 7), "OutOfSync", "is invalid");

    jpm.run("gitops", "rm", "prod").expectExit(0);
    assertThat(jpm.run("gitops", "ls").expectExit(0).out()).contains("no GitOps sources");
    assertThat(jpm.run("gitops", "sync", "prod").expectExit(2).err()).contains("no GitOps source named 'prod'");
  }

  static String ecosystem(String greeting) {
    return """
        apps:
          - name: api
            script: run.sh
            min_uptime: 300ms
            env:
              GREETING: %s
        """.formatted(greeting);
  }
}
