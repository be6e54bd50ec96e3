package dev.jpm.engine.git;

/**
 * A git operation that could not be done for a reason the user can act on (no repository, already up to date, a
 * {@code post_update} command failed, an unreachable remote). The message says what happened and what to do.
 */
public final class GitFailure extends RuntimeException {

  public GitFailure(String message) {
    super(message);
  }

  public GitFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
