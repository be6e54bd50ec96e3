package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;

/**
 * One step of a {@link Plan}. Every action carries the human-readable cause that made the planner choose it;
 * {@link #render()} is the line {@code diff} and {@code apply} print.
 */
public sealed interface Action {

  /** Why the planner chose this step, e.g. {@code instances 2 → 3} or {@code env.DB_URL changed}. */
  String cause();

  /** The app this action concerns. */
  String app();

  /** The plan line, e.g. {@code + start api#2 (instances 2 → 3)}. */
  String render();

  /** What the action acts on, as another step's {@code after} names it: the instance, or the app. */
  default String subject() {
    return app();
  }

  /** Start a new instance (new app, scale up, or an instance that is stopped or errored). */
  record StartInstance(AppSpec spec, int index, String cause) implements Action {
    public String app() { return spec.name(); }
    public InstanceId id() { return new InstanceId(spec.name(), index); }
    public String subject() { return id().toString(); }
    public String render() { return "+ start " + id() + " (" + cause + ")"; }
  }

  /** Replace a running instance with one started from {@code spec}; the restarts of an app roll as one group. */
  record RestartInstance(AppSpec spec, int index, String cause) implements Action {
    public String app() { return spec.name(); }
    public InstanceId id() { return new InstanceId(spec.name(), index); }
    public String subject() { return id().toString(); }
    public String render() {
      return "~ restart " + id() + " (" + cause + ") [" + Rollout.of(spec).describe(spec) + "]";
    }
  }

  /** Record new supervision settings for an app without touching its processes. */
  record UpdateInPlace(AppSpec spec, String cause) implements Action {
    public String app() { return spec.name(); }
    public String render() { return "= update " + spec.name() + " (" + cause + ")"; }
  }

  /** Register an app whose instances stay stopped ({@code autostart: false}). */
  record Register(AppSpec spec, String cause) implements Action {
    public String app() { return spec.name(); }
    public String render() { return "+ register " + spec.name() + " (" + cause + ")"; }
  }

  /**
   * Stop and forget one instance (scale down); {@code spec} is the app's spec with its new count, which the daemon
   * records (a table that kept the old count would bring the instance back, stopped, after a daemon restart).
   */
  record RemoveInstance(AppSpec spec, InstanceId id, String cause) implements Action {
    public String app() { return id.app(); }
    public String subject() { return id.toString(); }
    public String render() { return "- remove " + id + " (" + cause + ")"; }
  }

  /**
   * Start an instance the table holds, stopped or errored, with the app's applied spec ({@code jpm start}); the app's
   * spec and count are left as they are.
   */
  record ResumeInstance(InstanceId id, String cause) implements Action {
    public String app() { return id.app(); }
    public String subject() { return id.toString(); }
    public String render() { return "+ start " + id + " (" + cause + ")"; }
  }

  /** Stop an instance and keep it in the table, stopped ({@code jpm stop}); a balanced one is drained first. */
  record StopInstance(InstanceId id, String cause) implements Action {
    public String app() { return id.app(); }
    public String subject() { return id.toString(); }
    public String render() { return "- stop " + id + " (" + cause + ")"; }
  }

  /**
   * Stop and start an instance again with the app's applied spec ({@code jpm restart}): PM2's restart, with the
   * downtime of one instance (drained first when balanced), no surge and no wait for readiness. The step is done once
   * the instance settled, so a restart that waits for it follows one at a time.
   */
  record RelaunchInstance(InstanceId id, String cause) implements Action {
    public String app() { return id.app(); }
    public String subject() { return id.toString(); }
    public String render() { return "~ restart " + id + " (" + cause + ") [stop, then start]"; }
  }

  /** Stop and forget one instance, leaving the app's count as it is ({@code jpm delete NAME#INDEX}). */
  record DeleteInstance(InstanceId id, String cause) implements Action {
    public String app() { return id.app(); }
    public String subject() { return id.toString(); }
    public String render() { return "- delete " + id + " (" + cause + ")"; }
  }

  /** Stop every instance of an app (balanced ones drained first, in parallel) and forget it. */
  record DeleteApp(String app, String cause) implements Action {
    public String render() { return "- delete " + app + " (" + cause + ")"; }
  }
}
