package dev.jpm.engine.reconcile;

import dev.jpm.engine.balance.Balancer;
import dev.jpm.engine.health.ReadinessTracker;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.ExecMode;
import dev.jpm.engine.model.HealthCheck;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.model.Traffic;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.supervise.OsProcessLauncher;
import dev.jpm.engine.supervise.Supervisor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real supervisor, readiness tracker, balancer and reconciler on a temporary JPM_HOME, and specs that run
 * {@link HttpFixture} as balanced apps. Registered as a JUnit extension, it is made fresh for each test and
 * everything it started is stopped after it ({@link #close()}).
 */
final class TrafficFixture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

  Path home;
  Supervisor supervisor;
  TrafficRouter router;
  Reconciler reconciler;
  final List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    home = Files.createTempDirectory("jpm-traffic-it");
    startDaemon();
  }

  /**
   * The daemon dies (its threads and its own sockets go, the children keep running) and a new one on the same home
   * adopts the processes of {@code saved}, as after a crash.
   */
  void restartDaemon(dev.jpm.engine.model.ObservedState saved) {
    router.readiness().close();
    router.balancer().close();
    supervisor.close();
    startDaemon();
    supervisor.restore(saved);
  }

  private void startDaemon() {
    supervisor = new Supervisor(new OsProcessLauncher(home.resolve("pipes")), Clock.systemUTC(), home);
    ReadinessTracker readiness = new ReadinessTracker(supervisor, Clock.systemUTC(), (id, cause) -> supervisor.restart(id));
    router = new TrafficRouter(supervisor, readiness, new Balancer());
    reconciler = new Reconciler(supervisor, router);
  }

  Reconciler.Outcome apply(AppSpec... specs) {
    return reconciler.apply(new DesiredState(null, null, List.of(specs)), new PlanOptions(false, Set.of()),
        progress::add);
  }

  /** A port nobody listens on right now, for an app's front port. */
  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** The fixture as a balanced app with test-friendly timings. */
  static AppSpec app(String name, int instances, int port, Map<String, String> env, Traffic traffic) {
    List<String> command = List.of(javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss256k",
        "-Xshare:auto", "-cp", testClasses(), HttpFixture.class.getName());
    return app(name, command, instances, port, env, traffic);
  }

  /** Another program as a cluster app with the same test-friendly timings. */
  static AppSpec app(String name, List<String> command, int instances, int port, Map<String, String> env,
      Traffic traffic) {
    return new AppSpec(name, null, null, command.getLast(), List.of(), null, List.of(), command,
        System.getProperty("java.io.tmpdir"), env, instances, ExecMode.CLUSTER, null, null, port,
        new RestartPolicy(true, 3, 300, 0, 0, Set.of()), new StopPolicy("INT", 4000),
        new LogSpec(null, null, null, false, false, null, false, null), 8000, 0, null, List.of(), List.of(), 0,
        List.of(), true, null, traffic);
  }

  static Traffic traffic() {
    return new Traffic("127.0.0.1", false, null, null, 1, 0, 1500, false);
  }

  static Traffic withHealth(HealthCheck check) {
    return new Traffic("127.0.0.1", false, check, null, 1, 0, 1500, false);
  }

  private static String javaBin() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static String testClasses() {
    try {
      return Path.of(HttpFixture.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
  }

  @Override
  public void close() throws IOException {
    supervisor.observe().apps().keySet().forEach(supervisor::delete);
    supervisor.surges().forEach(s -> supervisor.discardSurge(s.id()));
    router.readiness().close();
    router.balancer().close();
    supervisor.close();
    try (Stream<Path> paths = Files.walk(home)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
    }
  }
}
