package dev.jpm.engine.model;

/** The life of one instance, shown with PM2's words. */
public enum ProcessStatus {
  LAUNCHING("launching"),
  ONLINE("online"),
  STOPPING("stopping"),
  STOPPED("stopped"),
  WAITING_RESTART("waiting restart"),
  ERRORED("errored");

  private final String word;

  ProcessStatus(String word) {
    this.word = word;
  }

  /** PM2's word for the state, as shown by {@code ls}. */
  public String word() {
    return word;
  }

  /** True while a process of this instance exists or is about to be started again by the supervisor. */
  public boolean isActive() {
    return this == LAUNCHING || this == ONLINE || this == WAITING_RESTART;
  }
}
