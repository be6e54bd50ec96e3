package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.CronSchedule;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.ExecMode;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.model.Traffic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds normalised {@link AppSpec}s with PM2's defaults so a test names only what it is about. */
public final class SpecBuilder {

  static final String FILE = "/srv/shop/ecosystem.yaml";

  private final String name;
  private String source = FILE;
  private String script;
  private List<String> args = List.of();
  private String interpreter;
  private List<String> interpreterArgs = List.of();
  private String cwd = "/srv/shop";
  private final Map<String, String> env = new LinkedHashMap<>();
  private int instances = 1;
  private ExecMode execMode = ExecMode.FORK;
  private String instanceVar;
  private Integer port;
  private RestartPolicy restart = RestartPolicy.PM2_DEFAULTS;
  private StopPolicy stop = StopPolicy.PM2_DEFAULTS;
  private LogSpec logs = new LogSpec(null, null, null, false, false, null, false, null);
  private long maxMemoryBytes;
  private CronSchedule cronRestart;
  private final List<Dependency> dependsOn = new ArrayList<>();
  private boolean autostart = true;
  private Traffic traffic = Traffic.DEFAULTS;
  private String namespace;
  private List<String> secretEnv = List.of();

  private SpecBuilder(String name) {
    this.name = name;
    this.script = "/srv/shop/" + name + ".sh";
  }

  public static SpecBuilder app(String name) {
    return new SpecBuilder(name);
  }

  public SpecBuilder source(String path) {
    source = path;
    return this;
  }

  SpecBuilder script(String path) {
    script = path;
    return this;
  }

  SpecBuilder args(String... values) {
    args = List.of(values);
    return this;
  }

  SpecBuilder interpreter(String executable, String... nodeArgs) {
    interpreter = executable;
    interpreterArgs = List.of(nodeArgs);
    return this;
  }

  SpecBuilder cwd(String path) {
    cwd = path;
    return this;
  }

  public SpecBuilder env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public SpecBuilder instances(int count) {
    instances = count;
    return this;
  }

  SpecBuilder cluster(int frontPort) {
    execMode = ExecMode.CLUSTER;
    port = frontPort;
    return this;
  }

  public SpecBuilder port(int value) {
    port = value;
    return this;
  }

  SpecBuilder instanceVar(String variable) {
    instanceVar = variable;
    return this;
  }

  SpecBuilder maxRestarts(int count) {
    restart = new RestartPolicy(restart.autorestart(), count, restart.minUptimeMs(), restart.restartDelayMs(),
        restart.expBackoffInitialMs(), restart.stopExitCodes());
    return this;
  }

  SpecBuilder minUptimeMs(long ms) {
    restart = new RestartPolicy(restart.autorestart(), restart.maxRestarts(), ms, restart.restartDelayMs(),
        restart.expBackoffInitialMs(), restart.stopExitCodes());
    return this;
  }

  SpecBuilder stopExitCodes(Integer... codes) {
    restart = new RestartPolicy(restart.autorestart(), restart.maxRestarts(), restart.minUptimeMs(),
        restart.restartDelayMs(), restart.expBackoffInitialMs(), Set.of(codes));
    return this;
  }

  SpecBuilder stop(StopPolicy value) {
    stop = value;
    return this;
  }

  SpecBuilder stopSignal(String signal) {
    stop = new StopPolicy(signal, stop.killTimeoutMs());
    return this;
  }

  public SpecBuilder maxMemoryBytes(long bytes) {
    maxMemoryBytes = bytes;
    return this;
  }

  SpecBuilder cronRestart(String expression) {
    cronRestart = expression == null ? null : CronSchedule.parse(expression);
    return this;
  }

  SpecBuilder outFile(String path) {
    logs = new LogSpec(path, logs.errorFile(), logs.combinedFile(), logs.merge(), logs.disabled(),
        logs.dateFormat(), logs.json(), logs.pidFile());
    return this;
  }

  public SpecBuilder dependsOn(String... apps) {
    for (String app : apps) dependsOn.add(new Dependency(app, Dependency.Condition.STARTED));
    return this;
  }

  SpecBuilder traffic(Traffic value) {
    traffic = value;
    return this;
  }

  SpecBuilder noAutostart() {
    autostart = false;
    return this;
  }

  public SpecBuilder namespace(String value) {
    namespace = value;
    return this;
  }

  public SpecBuilder secretEnv(String... keys) {
    secretEnv = List.of(keys);
    return this;
  }

  public AppSpec build() {
    List<String> command = new ArrayList<>();
    if (interpreter != null) command.add(interpreter);
    command.addAll(interpreterArgs);
    command.add(script);
    command.addAll(args);
    return new AppSpec(name, namespace, source, script, args, interpreter, interpreterArgs, command, cwd, env,
        instances, execMode, instanceVar, null, port, restart, stop, logs, 0, maxMemoryBytes, cronRestart, List.of(),
        List.of(), 0, dependsOn, autostart, null, traffic, null, secretEnv, null);
  }
}
