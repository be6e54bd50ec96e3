package dev.jpm.engine.model;

/** How instances of an app run: independent processes, or behind jpm's balancer (cluster). */
public enum ExecMode {
  FORK,
  CLUSTER;

  /** The word PM2 and the ecosystem file use: {@code fork} or {@code cluster}. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
