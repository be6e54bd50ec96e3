package dev.jpm.engine.supervise;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.CronSchedule;
import dev.jpm.engine.model.ExecMode;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.StopPolicy;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@link AppSpec}s that run the fixture scripts, with small test-friendly policies. */
public final class TestApps {

  private final String name;
  private final List<String> command = new ArrayList<>();
  private String cwd = System.getProperty("java.io.tmpdir");
  private Map<String, String> env = Map.of();
  private int instances = 1;
  private ExecMode execMode = ExecMode.FORK;
  private String incrementVar;
  private Integer port;
  private RestartPolicy restart = new RestartPolicy(true, 3, 300, 0, 0, Set.of());
  private StopPolicy stop = new StopPolicy("INT", 1000);
  private LogSpec logs = new LogSpec(null, null, null, false, false, null, false, null);
  private CronSchedule cronRestart;
  private List<String> watch = List.of();
  private List<String> ignoreWatch = List.of();
  private long watchDelayMs;

  private TestApps(String name) {
    this.name = name;
  }

  /** An app running {@code bash fixtures/<script> args...}: the exec bit of the fixture does not matter. */
  public static TestApps fixture(String name, String script, String... args) {
    TestApps app = new TestApps(name);
    app.command.add("bash");
    app.command.add(fixturePath(script).toString());
    app.command.addAll(List.of(args));
    return app;
  }

  public static TestApps command(String name, String... argv) {
    TestApps app = new TestApps(name);
    app.command.addAll(List.of(argv));
    return app;
  }

  public static Path fixturePath(String script) {
    URL url = TestApps.class.getResource("/fixtures/" + script);
    if (url == null) throw new IllegalArgumentException("no fixture " + script);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public TestApps cwd(String dir) {
    this.cwd = dir;
    return this;
  }

  public TestApps env(Map<String, String> declared) {
    this.env = declared;
    return this;
  }

  public TestApps instances(int count) {
    this.instances = count;
    return this;
  }

  /** {@code count} instances in cluster mode. */
  public TestApps cluster(int count) {
    this.instances = count;
    this.execMode = ExecMode.CLUSTER;
    return this;
  }

  public TestApps incrementVar(String variable) {
    this.incrementVar = variable;
    return this;
  }

  public TestApps port(int number) {
    this.port = number;
    return this;
  }

  public TestApps restart(RestartPolicy policy) {
    this.restart = policy;
    return this;
  }

  public TestApps stop(StopPolicy policy) {
    this.stop = policy;
    return this;
  }

  /** Per-instance out/error/combined files under {@code dir}, named after the app. */
  public TestApps logsIn(Path dir, boolean merge) {
    this.logs = new LogSpec(dir.resolve(name + "-out.log").toString(), dir.resolve(name + "-error.log").toString(),
        dir.resolve(name + ".log").toString(), merge, false, null, false, dir.resolve(name + ".pid").toString());
    return this;
  }

  public TestApps cron(String expression) {
    this.cronRestart = expression == null ? null : CronSchedule.parse(expression);
    return this;
  }

  /** Watches {@code paths} (absolute), leaving out {@code ignore} globs, restarting {@code delayMs} after a burst. */
  public TestApps watch(List<String> paths, List<String> ignore, long delayMs) {
    this.watch = paths;
    this.ignoreWatch = ignore;
    this.watchDelayMs = delayMs;
    return this;
  }

  public TestApps logs(LogSpec spec) {
    this.logs = spec;
    return this;
  }

  public AppSpec build() {
    return new AppSpec(name, null, null, command.getLast(), List.of(), null, List.of(), command, cwd, env,
        instances, execMode, null, incrementVar, port, restart, stop, logs, 3000, 0, cronRestart, watch,
        ignoreWatch, watchDelayMs, List.of(), true, null, null);
  }
}
