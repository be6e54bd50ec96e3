package dev.jpm.engine.health;

import java.util.Locale;

/** Where one process stands with readiness. */
public enum Readiness {
  /** Up, not yet ready: within min_uptime, or its checks have not passed yet. */
  STARTING,
  /** May take traffic. */
  READY,
  /** Was ready, its health check now fails: out of traffic until it passes again. */
  UNHEALTHY,
  /** Did not become ready within listen_timeout; no longer checked. */
  NOT_READY;

  /** The word {@code ls} shows: {@code starting}, {@code ready}, {@code unhealthy}, {@code not ready}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
