package dev.jpm.engine.model;

/** An app that must be up before this one starts ({@code depends_on}). */
public record Dependency(String app, Condition condition) {

  /** What "up" means for the dependency. */
  public enum Condition {
    STARTED,
    READY
  }

  public Dependency {
    if (app == null || app.isBlank()) throw new IllegalArgumentException("dependency app must be named");
    if (condition == null) condition = Condition.STARTED;
  }
}
