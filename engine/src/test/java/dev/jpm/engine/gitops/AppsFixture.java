package dev.jpm.engine.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.config.ConfigSource;
import dev.jpm.engine.config.ConfigReader;
import dev.jpm.engine.config.FileConfigReader;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.OsProcessLauncher;
import dev.jpm.engine.supervise.Supervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** A real supervisor, reconciler and loader on a temporary JPM_HOME: what the daemon composes, minus the socket. */
final class AppsFixture implements AutoCloseable {

  /** A child that runs until stopped; says which greeting it started with. */
  static final String SLEEPER = """
      #!/usr/bin/env bash
      trap 'exit 0' INT TERM
      echo "started greeting=$GREETING"
      while true; do sleep 1 & wait $!; done
      """;

  final Path home;
  final Clock clock = Clock.systemUTC();
  final Supervisor supervisor;
  final Reconciler reconciler;
  final ConfigReader loader;

  AppsFixture(Path temp) throws Exception {
    this.home = Files.createDirectories(temp.resolve("home"));
    this.supervisor = new Supervisor(new OsProcessLauncher(home.resolve("pipes")), clock, home);
    this.reconciler = new Reconciler(supervisor);
    this.loader = new FileConfigReader(home, 2);
  }

  /** Loads an ecosystem text as if it were {@code file}, and applies it; every instance must come online. */
  void apply(Path file, String yaml) {
    LoadResult loaded = loader.load(new ConfigSource(file, yaml, null, Map.of()));
    assertThat(loaded.errors()).isEmpty();
    assertThat(reconciler.apply(loaded.desired(), new PlanOptions(false, Set.of()), line -> {}).failures()).isEmpty();
  }

  ObservedApp app(String name) {
    return supervisor.observe().apps().get(name);
  }

  AppSpec spec(String name) {
    return app(name).applied();
  }

  ProcessRecord instance(String name) {
    return app(name).instances().getFirst();
  }

  /** The restart a revision causes, as the daemon gives it: the reconciler's rolling restart. */
  AppRestart restart() {
    return (app, cause, progress) -> reconciler.restart(app, cause, progress).failures();
  }

  @Override
  public void close() {
    supervisor.stopAll();
    supervisor.close();
  }
}
