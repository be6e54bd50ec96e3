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

  /** Start a new instance (new app, scale up, or an instance that is stopped or errored). */
  record StartInstance(AppSpec spec, int index, String cause) implements Action {
    public String app() { return spec.name(); }
    public InstanceId id() { return new InstanceId(spec.name(), index); }
    public String render() { return "+ start " + id() + " (" + cause + ")"; }
  }

  /** Replace a running instance with one started from {@code spec}; restarts of an app run one at a time. */
  record RestartInstance(AppSpec spec, int index, String cause) implements Action {
    public String app() { return spec.name(); }
    public InstanceId id() { return new InstanceId(spec.name(), index); }
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

  /** Stop and forget one instance (scale down); {@code spec} is the app with its new count, registered first. */
  record RemoveInstance(InstanceId id, AppSpec spec, String cause) implements Action {
    public String app() { return id.app(); }
    public String render() { return "- remove " + id + " (" + cause + ")"; }
  }

  /** Stop every instance of an app and forget it. */
  record DeleteApp(String app, String cause) implements Action {
    public String render() { return "- delete " + app + " (" + cause + ")"; }
  }
}
