package dev.jpm.engine.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.git.TestRemote;
import dev.jpm.engine.protocol.GitOpsSource;
import dev.jpm.engine.protocol.GitOpsState;
import dev.jpm.engine.protocol.GitOpsStatus;
import dev.jpm.engine.schedule.Schedules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitOps against a real remote and real apps: a new commit rolls the app, an invalid commit or an app that does
 * not come online leaves the last good revision running and says why, a later good commit recovers.
 */
class GitOpsSourcesIT {

  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final String CRASHER = "#!/usr/bin/env bash\necho crashing; exit 1\n";

  @TempDir Path temp;
  TestRemote remote;
  AppsFixture apps;
  GitOpsSources sources;
  Schedules schedules;
  final AtomicReference<List<GitOpsState>> saved = new AtomicReference<>(List.of());
  final List<String> progress = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    remote = new TestRemote(temp);
    apps = new AppsFixture(temp);
    schedules = new Schedules(apps.reconciler, apps.home, Schedules.DEFAULT_WATCH_INTERVAL, apps.clock);
    sources = new GitOpsSources(apps.home.resolve("gitops"), apps.loader, apps.reconciler, schedules.polls("gitops"),
        apps.clock, saved::set, apps.supervisor::observe);
  }

  @AfterEach
  void tearDown() {
    sources.close();
    schedules.close();
    apps.close();
    remote.close();
  }

  static String ecosystem(String greeting, String script) {
    return """
        apps:
          - name: api
            script: %s
            min_uptime: 300ms
            max_restarts: 1
            env:
              GREETING: %s
        """.formatted(script, greeting);
  }

  String pushEcosystem(String message, String content) throws Exception {
    return remote.push(message, Map.of("deploy/ecosystem.yaml", content, "deploy/run.sh", AppsFixture.SLEEPER,
        "deploy/crash.sh", CRASHER));
  }

  GitOpsSource source(Duration interval) {
    return new GitOpsSource("prod", remote.url(), TestRemote.BRANCH, "deploy/ecosystem.yaml", null,
        interval.toMillis(), true);
  }

  GitOpsStatus status() {
    return sources.list().getFirst().status();
  }

  String greeting() {
    return apps.spec("api").env().get("GREETING");
  }

  @Test
  void addAppliesTheHeadAndANewCommitChangingEnvRollsTheAppOnTheNextPoll() throws Exception {
    String first = pushEcosystem("one", ecosystem("one", "run.sh"));

    GitOpsState added = sources.add(source(Duration.ofSeconds(1)), progress::add);

    assertThat(added.status().lastApplied()).isEqualTo(first);
    assertThat(added.status().sync()).isEqualTo("Synced");
    assertThat(added.status().health()).isEqualTo("Healthy");
    assertThat(greeting()).isEqualTo("one");
    assertThat(apps.spec("api").cwd()).isEqualTo(apps.home.resolve("gitops/prod/deploy").toString());
    assertThat(saved.get()).extracting(state -> state.source().name()).containsExactly("prod");
    long pid = apps.instance("api").pid();

    String second = pushEcosystem("two", ecosystem("two", "run.sh"));

    // The poll sets the live status, then saves the list: wait for the save, the later of the two.
    await().atMost(PATIENCE).until(() -> second.equals(saved.get().getFirst().status().lastApplied()));
    assertThat(status().lastApplied()).isEqualTo(second);
    assertThat(greeting()).isEqualTo("two");
    assertThat(apps.instance("api").pid()).isNotEqualTo(pid);
    assertThat(status().sync()).isEqualTo("Synced");
  }

  @Test
  void anInvalidCommitKeepsTheOldRevisionRunningAndSaysWhyUntilAGoodCommitFixesIt() throws Exception {
    String good = pushEcosystem("good", ecosystem("one", "run.sh"));
    sources.add(source(Duration.ofHours(1)), progress::add);
    long pid = apps.instance("api").pid();

    String bad = pushEcosystem("bad", ecosystem("two", "run.sh").replace("max_restarts: 1", "max_restarts: lots"));
    GitOpsState afterBad = sources.sync("prod", progress::add);

    assertThat(afterBad.status().lastApplied()).isEqualTo(good);
    assertThat(afterBad.status().lastAttempted()).isEqualTo(bad);
    assertThat(afterBad.status().sync()).isEqualTo("OutOfSync");
    assertThat(afterBad.status().health()).isEqualTo("Degraded");
    assertThat(afterBad.status().message()).startsWith(bad.substring(0, 7) + " is invalid, apps stay on "
        + good.substring(0, 7)).contains("ecosystem.yaml:5:", "max_restarts");
    assertThat(apps.instance("api").pid()).isEqualTo(pid);
    assertThat(greeting()).isEqualTo("one");
    assertThat(Files.readString(apps.home.resolve("gitops/prod/deploy/ecosystem.yaml"))).contains("max_restarts: 1");

    String fixed = pushEcosystem("fixed", ecosystem("three", "run.sh"));
    GitOpsState afterFix = sources.sync("prod", progress::add);

    assertThat(afterFix.status().lastApplied()).isEqualTo(fixed);
    assertThat(afterFix.status().sync()).isEqualTo("Synced");
    assertThat(afterFix.status().health()).isEqualTo("Healthy");
    assertThat(greeting()).isEqualTo("three");
  }

  @Test
  void anAppThatDoesNotComeOnlineRollsBackToTheLastGoodRevision() throws Exception {
    String good = pushEcosystem("good", ecosystem("one", "run.sh"));
    sources.add(source(Duration.ofHours(1)), progress::add);

    String crashing = pushEcosystem("crashing", ecosystem("two", "crash.sh"));
    GitOpsState after = sources.sync("prod", progress::add);

    assertThat(after.status().lastApplied()).isEqualTo(good);
    assertThat(after.status().lastAttempted()).isEqualTo(crashing);
    assertThat(after.status().health()).isEqualTo("Degraded");
    assertThat(after.status().message()).contains("did not come online", "api#0",
        "rolled back to " + good.substring(0, 7));
    assertThat(greeting()).isEqualTo("one");
    assertThat(apps.instance("api").status().word()).isEqualTo("online");
    assertThat(progress).contains("gitops prod: rolling back to " + good.substring(0, 7));
  }

  @Test
  void thePendingRevisionsPlanTouchesNothing() throws Exception {
    String good = pushEcosystem("good", ecosystem("one", "run.sh"));
    sources.add(source(Duration.ofHours(1)), progress::add);
    long pid = apps.instance("api").pid();
    String next = pushEcosystem("two", ecosystem("two", "run.sh"));

    GitOpsSources.Pending pending = sources.pending("prod");

    assertThat(pending.current()).isEqualTo(good);
    assertThat(pending.revision()).isEqualTo(next);
    assertThat(pending.errors()).isEmpty();
    assertThat(String.join("\n", pending.plan())).contains("api", "GREETING");
    assertThat(apps.instance("api").pid()).isEqualTo(pid);
    assertThat(status().lastApplied()).isEqualTo(good);
    assertThat(Files.readString(apps.home.resolve("gitops/prod/deploy/ecosystem.yaml"))).contains("GREETING: one");
  }

  @Test
  void removeStopsPollingAndLeavesTheAppsRunning() throws Exception {
    pushEcosystem("one", ecosystem("one", "run.sh"));
    sources.add(source(Duration.ofSeconds(1)), progress::add);
    long pid = apps.instance("api").pid();

    sources.remove("prod");
    pushEcosystem("two", ecosystem("two", "run.sh"));

    assertThat(sources.list()).isEmpty();
    assertThat(saved.get()).isEmpty();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> greeting().equals("one"));
    assertThat(apps.instance("api").pid()).isEqualTo(pid);
    assertThatThrownBy(() -> sources.sync("prod", progress::add)).hasMessageContaining("no GitOps source named");
  }

  @Test
  void aSourceAddedAgainUnderItsNameFollowsItsNewRepository() throws Exception {
    pushEcosystem("one", ecosystem("one", "run.sh"));
    sources.add(source(Duration.ofHours(1)), progress::add);
    sources.remove("prod");
    try (TestRemote other = new TestRemote(temp.resolve("other"))) {
      String head = other.push("elsewhere", Map.of("deploy/ecosystem.yaml", ecosystem("elsewhere", "run.sh"),
          "deploy/run.sh", AppsFixture.SLEEPER));

      GitOpsState added = sources.add(new GitOpsSource("prod", other.url(), TestRemote.BRANCH,
          "deploy/ecosystem.yaml", null, Duration.ofHours(1).toMillis(), true), progress::add);

      assertThat(added.status().lastApplied()).isEqualTo(head);
      assertThat(greeting()).isEqualTo("elsewhere");
    }
  }

  @Test
  void badSourcesAreRefusedBeforeAnythingIsCloned() throws Exception {
    pushEcosystem("one", ecosystem("one", "run.sh"));

    assertThatThrownBy(() -> sources.add(new GitOpsSource("../x", remote.url(), "main", "e.yaml", null, 60_000, false),
        progress::add)).hasMessageContaining("must be letters");
    assertThatThrownBy(() -> sources.add(new GitOpsSource("x", remote.url(), "main", "../e.yaml", null, 60_000, false),
        progress::add)).hasMessageContaining("--path must be a file inside the repository");
    // A source that cannot be reached when it is added (a typo in the ref or URL) is refused, not followed.
    assertThatThrownBy(() -> sources.add(new GitOpsSource("y", remote.url(), "nope", "e.yaml", null, 60_000, false),
        progress::add)).hasMessageContaining("has no branch or tag nope").hasMessageContaining("nothing was registered");
    assertThatThrownBy(() -> sources.add(new GitOpsSource("z", temp.resolve("no-such-repo").toString(), "main",
        "e.yaml", null, 60_000, false), progress::add)).hasMessageContaining("nothing was registered");
    assertThat(sources.list()).isEmpty();
    assertThat(saved.get()).isNullOrEmpty();
    assertThat(apps.supervisor.observe().apps()).isEmpty();
  }

  @Test
  void restoredSourcesKeepTheirStatusAndPollAgain() throws Exception {
    String first = pushEcosystem("one", ecosystem("one", "run.sh"));
    sources.add(source(Duration.ofSeconds(1)), progress::add);
    sources.close();
    List<GitOpsState> persisted = saved.get();

    sources = new GitOpsSources(apps.home.resolve("gitops"), apps.loader, apps.reconciler, schedules.polls("gitops"),
        apps.clock, saved::set, apps.supervisor::observe);
    sources.restore(persisted);
    assertThat(status().lastApplied()).isEqualTo(first);
    String second = pushEcosystem("two", ecosystem("two", "run.sh"));

    await().atMost(PATIENCE).until(() -> second.equals(status().lastApplied()));
    assertThat(greeting()).isEqualTo("two");
  }
}
