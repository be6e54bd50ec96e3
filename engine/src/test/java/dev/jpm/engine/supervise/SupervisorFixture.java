package dev.jpm.engine.supervise;

import static org.awaitility.Awaitility.await;

import dev.jpm.engine.logs.LogRouter;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.os.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real supervisor on a temporary JPM_HOME, and the waits the integration tests share. Either made on a given
 * home (several supervisors in turn, as a daemon restart), or registered as a JUnit extension that makes a fresh
 * home and supervisor for each test and stops everything after it.
 */
public final class SupervisorFixture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

  public static final Duration PATIENCE = Duration.ofSeconds(15);

  public Path home;
  public LogRouter logs;
  public Supervisor supervisor;

  /** For {@code @RegisterExtension}: home and supervisor exist from each test's start. */
  public SupervisorFixture() {}

  public SupervisorFixture(Path home) {
    open(home);
  }

  private void open(Path folder) {
    this.home = folder;
    this.logs = new LogRouter(folder, Clock.systemUTC());
    this.supervisor = new Supervisor(new OsProcessLauncher(folder.resolve("pipes")), Clock.systemUTC(), folder, logs);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    open(Files.createTempDirectory("jpm-supervise-it"));
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
    try (Stream<Path> paths = Files.walk(home)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    }
  }

  /** Registers and starts instance 0. */
  public ProcessRecord run(AppSpec spec) {
    supervisor.register(spec);
    return supervisor.start(new InstanceId(spec.name(), 0));
  }

  public ProcessRecord record(InstanceId id) {
    return supervisor.observe().apps().get(id.app()).instances().stream()
        .filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  /** Waits (generously: the machine may be loaded) until the instance's record satisfies {@code condition}. */
  public ProcessRecord awaitRecord(InstanceId id, Predicate<ProcessRecord> condition) {
    return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> record(id), condition::test);
  }

  public ProcessRecord awaitStatus(InstanceId id, ProcessStatus status) {
    return awaitRecord(id, r -> r.status() == status);
  }

  public static boolean running(long pid) {
    return ProcessHandle.of(pid).map(Liveness::isRunning).orElse(false);
  }

  public static List<Long> descendants(long pid) {
    return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid).toList();
  }

  /** Ends every process this supervisor started, then its threads. */
  @Override
  public void close() {
    supervisor.stopAll();
    supervisor.close();
  }
}
