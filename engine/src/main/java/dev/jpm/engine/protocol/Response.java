package dev.jpm.engine.protocol;

import dev.jpm.engine.json.TypeFamily;
import java.util.List;
import java.util.Map;

/** What the daemon answers. {@link Progress} frames may precede the one final response of a request. */
public sealed interface Response {

  /** The name of each response on the wire, in its {@code type} property (see {@link TypeFamily}). */
  TypeFamily<Response> TYPES = new TypeFamily<>(Response.class,
      Map.ofEntries(
          Map.entry("progress", Progress.class),
          Map.entry("failure", Failure.class),
          Map.entry("pong", Pong.class),
          Map.entry("invalid", Invalid.class),
          Map.entry("planned", Planned.class),
          Map.entry("applied", Applied.class),
          Map.entry("table", Table.class),
          Map.entry("app_detail", AppDetail.class),
          Map.entry("moved", Moved.class),
          Map.entry("gitops_sources", GitOpsSources.class),
          Map.entry("log_batch", LogBatch.class),
          Map.entry("done", Done.class),
          Map.entry("apps", Apps.class),
          Map.entry("environment", Environment.class)));

  /** Progress while a long request runs, one or more lines; not final. */
  record Progress(String line) implements Response {}

  /** The request could not be done; {@code code} is an {@link ErrorCode} number. */
  record Failure(int code, String message) implements Response {}

  /** The daemon is alive. */
  record Pong(int protocol, long pid, long uptimeMs, int apps) implements Response {}

  /** The ecosystem file has problems; nothing was changed. Each line is {@code file:line:col: ...}. */
  record Invalid(List<String> errors, List<String> warnings) implements Response {}

  /** The plan for a file ({@code diff}). */
  record Planned(List<String> lines, List<String> warnings, boolean inSync) implements Response {}

  /**
   * The outcome of {@code apply} (or of a verb that changes processes).
   *
   * @param plan the plan lines that were executed
   * @param warnings config warnings
   * @param failures one line per instance that did not reach online, empty when converged
   * @param table the process table afterwards
   */
  record Applied(List<String> plan, List<String> warnings, List<String> failures, List<InstanceView> table)
      implements Response {}

  /** The process table. */
  record Table(List<InstanceView> instances) implements Response {}

  /**
   * One app: its applied spec (as the engine holds it), its instances, its schedules (cron, watch), the git
   * revision of its folder (null when the folder is in no repository or {@code vizion} is off), its instances'
   * last restarts, oldest first, and the port jpm's balancer owns for it (declared or learned; null when none).
   */
  record AppDetail(dev.jpm.engine.model.AppSpec spec, List<InstanceView> instances, ScheduleView schedule,
      RevisionView revision, List<RestartView> restarts, Integer frontPort) implements Response {}

  /**
   * A git move of an app's checkout and the restart after it.
   *
   * @param from the revision before, or the same as {@code to} when nothing moved
   * @param to the revision now checked out
   * @param failures one line per instance that did not come back online
   */
  record Moved(String app, String from, String to, List<String> failures, List<InstanceView> table)
      implements Response {}

  /** The GitOps sources and their status. */
  record GitOpsSources(List<GitOpsState> sources) implements Response {}

  /**
   * Lines for {@code jpm logs}; not final. An empty batch is a heartbeat (it tells the daemon the follower is still
   * there).
   *
   * @param lines the lines, oldest first
   * @param missed lines dropped before these because the follower fell behind
   */
  record LogBatch(List<LogEntry> lines, long missed) implements Response {}

  /** Apps with their specs and instances, in the table's order ({@link Request.Describe}). */
  record Apps(List<AppInstances> apps) implements Response {}

  /**
   * The environment an instance's process was started with.
   *
   * @param instance the instance, {@code NAME#INDEX}
   * @param variables the variables, by name
   * @param secret the names the app declares secret ({@code secret_env}): printed masked, as secret-looking names
   */
  record Environment(String instance, java.util.Map<String, String> variables, List<String> secret)
      implements Response {

    public Environment {
      secret = secret == null ? List.of() : List.copyOf(secret);
    }
  }

  /** A request without a richer answer succeeded; {@code message} says what was done. */
  record Done(String message) implements Response {}
}
