package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;

/**
 * What a restart costs the app's clients, as {@code diff} tells it per restart line: a balanced app with a surge
 * loses nothing, other apps with several instances lose one instance's capacity at a time, a single fork
 * instance is down while it restarts.
 */
enum Rollout {
  ZERO_DOWNTIME("zero-downtime: surge, ready, drain"),
  SHARED_PORT("surge, ready, then stop: reuse_port, no drain"),
  ROLLING("rolling: capacity −1"),
  DOWNTIME("downtime: single instance");

  private final String text;

  Rollout(String text) {
    this.text = text;
  }

  static Rollout of(AppSpec spec) {
    if (spec.balanced() && spec.traffic().maxSurge() > 0) return ZERO_DOWNTIME;
    if (spec.sharesPort() && spec.traffic().maxSurge() > 0) return SHARED_PORT;
    return spec.instances() > 1 ? ROLLING : DOWNTIME;
  }

  @Override
  public String toString() {
    return text;
  }
}
