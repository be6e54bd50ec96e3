package dev.jpm.engine.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One app as the ecosystem file asks for it, normalised once: defaults filled, paths absolute, {@code instances}
 * resolved, durations in milliseconds and sizes in bytes. Everything downstream trusts it and never re-parses.
 *
 * <p>{@link #specHash()} covers exactly the fields that shape the running process; a difference there means the
 * instances must be restarted. The other fields are supervision settings, applied in place. Which is which is
 * declared once, in {@link SpecFields}.
 *
 * @param name unique app name
 * @param namespace group label (PM2's {@code namespace}, default {@code default})
 * @param source absolute path of the ecosystem file this app was applied from, or null when started by hand
 * @param script the script as resolved (absolute path where it names a file, else the command text)
 * @param args arguments to the script
 * @param interpreter interpreter executable, or null to execute the script directly
 * @param interpreterArgs arguments to the interpreter
 * @param command the complete argv to execute (interpreter, its args, script, args; or {@code sh -c SCRIPT})
 * @param cwd absolute working directory
 * @param env declared environment after profile merge and {@code ${VAR}} resolution
 * @param instances number of instances, at least 1
 * @param execMode fork or cluster
 * @param instanceVar name of the variable carrying the instance index (default {@code NODE_APP_INSTANCE})
 * @param incrementVar variable whose declared value increments per instance, or null
 * @param port the app's {@code port} (given to instances as {@code PORT}), or null
 * @param restart restart policy
 * @param stop stop policy
 * @param logs log destinations
 * @param listenTimeoutMs how long readiness may take
 * @param maxMemoryBytes memory ceiling that triggers a restart; 0 = none
 * @param cronRestart when to restart the app on a schedule ({@code cron_restart}), or null
 * @param watch paths to watch (absolute); empty = no watch
 * @param ignoreWatch globs not to watch
 * @param watchDelayMs debounce between a change and the restart
 * @param dependsOn apps that must be up first
 * @param autostart start on apply; false registers the app stopped
 * @param versioning revision info and {@code post_update} commands of the app's git checkout
 * @param traffic readiness, cluster front port and rolling reload settings
 * @param runAs the user (and group) the processes run as, or null for the daemon's own
 * @param secretEnv env variables whose values {@code show} and {@code env} mask, beside the secret-looking names
 * @param image the container image that holds the app, for {@code jpm export}; null when the file sets none. jpm
 *     never runs it, so it is outside {@link #specHash()} and a change is applied in place
 */
public record AppSpec(
    String name,
    String namespace,
    String source,
    String script,
    List<String> args,
    String interpreter,
    List<String> interpreterArgs,
    List<String> command,
    String cwd,
    Map<String, String> env,
    int instances,
    ExecMode execMode,
    String instanceVar,
    String incrementVar,
    Integer port,
    RestartPolicy restart,
    StopPolicy stop,
    LogSpec logs,
    long listenTimeoutMs,
    long maxMemoryBytes,
    CronSchedule cronRestart,
    List<String> watch,
    List<String> ignoreWatch,
    long watchDelayMs,
    List<Dependency> dependsOn,
    boolean autostart,
    Versioning versioning,
    Traffic traffic,
    RunAs runAs,
    List<String> secretEnv,
    String image) {

  public static final String DEFAULT_NAMESPACE = "default";
  public static final String DEFAULT_INSTANCE_VAR = "NODE_APP_INSTANCE";

  public AppSpec {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("app name must not be blank");
    if (name.contains("#") || name.contains("/") || name.equals("all"))
      throw new IllegalArgumentException("app name must not contain '#' or '/' nor be 'all', got " + name);
    if (instances < 1) throw new IllegalArgumentException("instances must be >= 1, got " + instances);
    if (command == null || command.isEmpty())
      throw new IllegalArgumentException("command of " + name + " must not be empty");
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(execMode, "execMode");
    Objects.requireNonNull(restart, "restart");
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(logs, "logs");
    if (namespace == null) namespace = DEFAULT_NAMESPACE;
    if (instanceVar == null) instanceVar = DEFAULT_INSTANCE_VAR;
    args = args == null ? List.of() : List.copyOf(args);
    interpreterArgs = interpreterArgs == null ? List.of() : List.copyOf(interpreterArgs);
    command = List.copyOf(command);
    env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(env));
    watch = watch == null ? List.of() : List.copyOf(watch);
    ignoreWatch = ignoreWatch == null ? List.of() : List.copyOf(ignoreWatch);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    secretEnv = secretEnv == null ? List.of() : List.copyOf(secretEnv); // a table saved before the key has none
    if (versioning == null) versioning = Versioning.DEFAULTS;
    if (traffic == null) traffic = Traffic.DEFAULTS;
  }

  /** An app that runs as the daemon's own user, declares no secret and names no image. */
  public AppSpec(String name, String namespace, String source, String script, List<String> args, String interpreter,
      List<String> interpreterArgs, List<String> command, String cwd, Map<String, String> env, int instances,
      ExecMode execMode, String instanceVar, String incrementVar, Integer port, RestartPolicy restart, StopPolicy stop,
      LogSpec logs, long listenTimeoutMs, long maxMemoryBytes, CronSchedule cronRestart, List<String> watch,
      List<String> ignoreWatch, long watchDelayMs, List<Dependency> dependsOn, boolean autostart,
      Versioning versioning, Traffic traffic) {
    this(name, namespace, source, script, args, interpreter, interpreterArgs, command, cwd, env, instances, execMode,
        instanceVar, incrementVar, port, restart, stop, logs, listenTimeoutMs, maxMemoryBytes, cronRestart, watch,
        ignoreWatch, watchDelayMs, dependsOn, autostart, versioning, traffic, null, List.of(), null);
  }

  /** The same app with another instance count (scale). */
  public AppSpec withInstances(int count) {
    return new AppSpec(name, namespace, source, script, args, interpreter, interpreterArgs, command, cwd, env,
        count, execMode, instanceVar, incrementVar, port, restart, stop, logs, listenTimeoutMs, maxMemoryBytes,
        cronRestart, watch, ignoreWatch, watchDelayMs, dependsOn, autostart, versioning, traffic, runAs, secretEnv,
        image);
  }

  /**
   * Whether jpm owns the app's port and balances connections over its ready instances: a cluster app with a declared
   * port, or a Node cluster app whose port jpm learns from its first {@code listen()} ({@link #learnsPort()}).
   */
  public boolean balanced() {
    // With increment_var the instances listen on ports of their own on purpose: nothing for jpm to learn.
    return execMode == ExecMode.CLUSTER && !traffic.reusePort() && !traffic.socketActivation()
        && (port != null || runsOnNode() && incrementVar == null);
  }

  /**
   * Whether the app's port is what its code listens on, not a declared key: a Node cluster app without {@code port}
   * (PM2's {@code -i max} with {@code server.listen(3000)} in the code). jpm's preload tells the daemon that port at
   * the instance's first {@code listen()}, and the balancer then owns it.
   */
  public boolean learnsPort() {
    return balanced() && port == null;
  }

  /** Whether the instances share the app's port themselves (SO_REUSEPORT), with no copy through jpm. */
  public boolean sharesPort() {
    return execMode == ExecMode.CLUSTER && port != null && traffic.reusePort();
  }

  /**
   * Whether the instances inherit one listening socket on the app's port that the daemon holds (socket activation:
   * {@code LISTEN_FDS}, fd 3), with no copy through jpm: the kernel hands each connection to an instance.
   */
  public boolean inheritsSocket() {
    return execMode == ExecMode.CLUSTER && port != null && traffic.socketActivation();
  }

  /**
   * Whether the program run is Node ({@code node} or {@code nodejs}: PM2's interpreter for {@code .js}, {@code .cjs},
   * {@code .mjs}, or named by {@code interpreter}). Such apps are started with jpm's preload, which gives them the
   * app's port behind the balancer, {@code process.send('ready')} and the {@code shutdown} message. Derived from the
   * argv, which the hash already covers.
   */
  public boolean runsOnNode() {
    return isNodeProgram(command.getFirst());
  }

  /** Whether {@code program} (a path or a name on PATH) is the Node executable. */
  public static boolean isNodeProgram(String program) {
    String base = program.substring(program.lastIndexOf('/') + 1);
    return base.equals("node") || base.equals("nodejs");
  }

  /**
   * A stable digest of what shapes the running process, the fields {@link SpecFields} declares shape (argv, cwd,
   * declared env, instance variables, port, exec mode, reuse_port, user). Never depends on the caller's shell or on
   * supervision settings, so an unchanged file hashes the same.
   */
  public String specHash() {
    String canonical = SpecFields.canonical(this);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
