package dev.jpm.engine.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.logs.StreamConsumer;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine against a fake launcher and a clock the test moves: no real process, no waiting on time. */
class FakeLaunchTest {

  private static final InstanceId ID = new InstanceId("fake", 0);
  private static final ExitStatus CODE_1 = new ExitStatus(1, null);

  @TempDir Path home;
  private final MovableClock clock = new MovableClock();
  private final FakeLauncher launcher = new FakeLauncher();
  private Supervisor supervisor;

  @AfterEach
  void close() {
    supervisor.close();
  }

  @Test
  void unstableRunsAreMeasuredWithTheInjectedClock() {
    supervisor = new Supervisor(launcher, clock, home);
    supervisor.register(TestApps.command("fake", "anything").build()); // min_uptime 300, max_restarts 3
    assertThat(supervisor.start(ID).status()).isEqualTo(ProcessStatus.ONLINE);

    clock.advance(1000);
    exitLatest(CODE_1); // stable: restarted at once, count stays 0
    assertThat(launcher.launched()).hasSize(2);
    exitLatest(CODE_1); // no time passed: unstable 1
    exitLatest(CODE_1); // unstable 2
    exitLatest(new ExitStatus(null, "KILL")); // unstable 3: errored

    ProcessRecord record = supervisor.awaitSettled(ID, SupervisorFixture.PATIENCE);
    assertThat(record.status()).isEqualTo(ProcessStatus.ERRORED);
    assertThat(record.restarts()).isEqualTo(3);
    assertThat(record.lastSignal()).isEqualTo("KILL");
    assertThat(record.reason()).isEqualTo("crashed 3 times in a row within min_uptime (last signal KILL)");
    assertThat(launcher.launched()).hasSize(4);
  }

  @Test
  void aFailedLaunchIsAValueAndStoppingAFakeIsImmediate() {
    supervisor = new Supervisor(request -> {
      throw new IOException("no such thing");
    }, clock, home);
    supervisor.register(TestApps.command("fake", "anything").build());
    assertThat(supervisor.start(ID).reason()).isEqualTo("launch failed: no such thing");

    supervisor.close();
    supervisor = new Supervisor(launcher, clock, home);
    supervisor.register(TestApps.command("fake", "anything").build());
    supervisor.start(ID);
    assertThat(supervisor.stop(ID).status()).isEqualTo(ProcessStatus.STOPPED);
    exitLatest(new ExitStatus(0, null)); // a late exit of a stopped run changes nothing
    assertThat(supervisor.awaitSettled(ID, SupervisorFixture.PATIENCE).status()).isEqualTo(ProcessStatus.STOPPED);
    assertThat(launcher.launched()).hasSize(1);
  }

  /**
   * Ends the latest fake process and waits until the supervisor has processed that exit: relaunched it (after the
   * crash-loop delay, a real one, when it was unstable) or given up on it.
   */
  private void exitLatest(ExitStatus status) {
    int before = launcher.launched().size();
    launcher.launched().getLast().exit().complete(status);
    await().atMost(SupervisorFixture.PATIENCE).until(() -> launcher.launched().size() > before
        || java.util.Set.of(ProcessStatus.ERRORED, ProcessStatus.STOPPED)
            .contains(supervisor.observe().apps().get("fake").instances().getFirst().status()));
  }

  private static final class MovableClock extends Clock {
    private final AtomicLong millis = new AtomicLong(1_000_000);

    void advance(long ms) {
      millis.addAndGet(ms);
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** Launches nothing; the test ends each "process" when it wants. Pids name no live process. */
  private static final class FakeLauncher implements ProcessLauncher {
    private final List<FakeProcess> launched = new CopyOnWriteArrayList<>();

    @Override
    public LaunchedProcess launch(LaunchRequest request) {
      FakeProcess process = new FakeProcess(Integer.MAX_VALUE - launched.size(), new CompletableFuture<>());
      launched.add(process);
      // As the real launcher: the streams end (releasing the log files) when the process is gone.
      process.exit().whenComplete((status, failure) -> {
        request.stdout().ifPresent(StreamConsumer::end);
        request.stderr().ifPresent(StreamConsumer::end);
      });
      return process;
    }

    List<FakeProcess> launched() {
      return launched;
    }

  }

  private record FakeProcess(long pid, CompletableFuture<ExitStatus> exit) implements LaunchedProcess {
    @Override
    public long startMs() {
      return 0;
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
      return exit;
    }
  }
}
