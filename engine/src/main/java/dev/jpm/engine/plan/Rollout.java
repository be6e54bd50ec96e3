package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;

/**
 * What a restart costs the app's clients, as {@code diff} tells it per restart line: a balanced app with a surge
 * loses nothing, other apps with several instances lose max_unavailable instances' capacity at a time (one by
 * default), a single fork instance is down while it restarts.
 */
enum Rollout {
  ZERO_DOWNTIME("zero-downtime: surge, ready, drain"),
  SHARED_PORT("surge, ready, then stop: reuse_port, no drain"),
  SHARED_SOCKET("surge, ready, then stop: one inherited socket, no drain"),
  ROLLING("rolling: capacity −"),
  DOWNTIME("downtime: single instance");

  private final String text;

  Rollout(String text) {
    this.text = text;
  }

  static Rollout of(AppSpec spec) {
    if (spec.balanced() && spec.traffic().maxSurge() > 0) return ZERO_DOWNTIME;
    if (spec.sharesPort() && spec.traffic().maxSurge() > 0) return SHARED_PORT;
    if (spec.inheritsSocket() && spec.traffic().maxSurge() > 0) return SHARED_SOCKET;
    return spec.instances() > 1 ? ROLLING : DOWNTIME;
  }

  /** The cost as diff shows it: a rolling restart takes down max_unavailable instances at once (at least one). */
  String describe(AppSpec spec) {
    return this == ROLLING ? text + Math.max(1, spec.traffic().maxUnavailable()) : text;
  }
}
