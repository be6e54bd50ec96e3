package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** cron_restart and watch end to end: validation, show, in-place cron changes, the one-shot job pattern. */
class ScheduleIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  @BeforeEach
  void start() throws IOException {
    jpm.write("sleeper.sh", ApplyIT.SLEEPER);
  }

  private Path ecosystem(String cron, String extra) throws IOException {
    return jpm.write("ecosystem.yaml", """
        apps:
          - name: api
            script: sleeper.sh
            min_uptime: 300ms
            cron_restart: "%s"
        %s""".formatted(cron, extra));
  }

  @Test
  void aBadCronIsLocatedAndChangesNothing() throws IOException {
    Path file = ecosystem("0 3 * * 8", "");
    String located = file + ":5:19: app \"api\": cron_restart: not a valid cron expression \"0 3 * * 8\": "
        + "day-of-week: 8 is not a weekday (0-7 or SUN-SAT)";

    assertThat(jpm.run("validate", file.toString()).expectExit(3).err()).contains(located);
    assertThat(jpm.run("diff", file.toString()).expectExit(3).err()).contains(located);
    assertThat(jpm.run("apply", file.toString()).expectExit(3).err()).contains(located);
    assertThat(jpm.instances()).isEmpty();
  }

  @Test
  void showGivesTheNextCronTimeAndTheWatchAndACronChangeRestartsNothing() throws IOException {
    // The file lives in the watched folder: the test's own rewrite of it must not count as a change of the app.
    String watch = "    watch: true\n    ignore_watch: [ecosystem.yaml]\n";
    Path file = ecosystem("0 3 * * *", watch);
    jpm.run("apply", file.toString()).expectExit(0);
    long pid = jpm.pid("api#0");

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jpm.run("show", "api").expectExit(0).out())
        .containsPattern("cron_restart +0 3 \\* \\* \\* \\(next \\S+T03:00")
        .containsPattern("watch +\\[" + jpm.work + "\\] \\(watching \\d+ files? every 1000ms\\)"));

    ecosystem("30 4 * * *", watch);
    assertThat(jpm.run("diff", file.toString()).expectExit(1).out()).contains("cron_restart", "no restart");
    jpm.run("apply", file.toString()).expectExit(0);

    assertThat(jpm.run("show", "api").expectExit(0).out()).containsPattern("\\(next \\S+T04:30");
    assertThat(jpm.pid("api#0")).isEqualTo(pid);
    assertThat(jpm.instance("api#0").path("restarts").asInt()).isZero();
  }

  @Test
  void anAppThatDoesNotAutostartIsStartedByItsCron() throws IOException {
    Path file = ecosystem("*/2 * * * * *", "    autostart: false\n");

    // Only registered by apply (the cron may start it any moment after, so its status is not asserted here).
    assertThat(jpm.run("apply", file.toString()).expectExit(0).out()).contains("register api (autostart: false)")
        .doesNotContain("start api#0");

    await().atMost(Duration.ofSeconds(15)).until(() -> jpm.status("api#0").equals("online"));
  }

  @Test
  void aRunOnceJobRunsOncePerTickAndIsNotMarkedErrored() throws IOException {
    Path file = jpm.write("jobs.yaml", """
        apps:
          - name: job
            script: /bin/sh
            args: ["-c", "echo ran"]
            autostart: false
            cron_restart: "*/2 * * * * *"
        """);
    jpm.run("apply", file.toString()).expectExit(0);
    long started = System.nanoTime();
    Path log = jpm.home.resolve("logs/job-out.log");

    await().atMost(Duration.ofSeconds(20)).until(() -> runs(log) >= 2);

    long ticks = Duration.ofNanos(System.nanoTime() - started).toSeconds() / 2 + 2;
    assertThat(runs(log)).as("one run per tick, not a restart loop").isLessThanOrEqualTo(ticks);
    assertThat(jpm.status("job#0")).isIn("stopped", "online", "launching");
  }

  private static long runs(Path log) throws IOException {
    return java.nio.file.Files.exists(log) ? java.nio.file.Files.readAllLines(log).stream().filter("ran"::equals).count()
        : 0;
  }
}
