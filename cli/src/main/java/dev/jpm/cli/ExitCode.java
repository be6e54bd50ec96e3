package dev.jpm.cli;

/** The exit codes every command shares. */
public final class ExitCode {
  /** Done; for {@code diff}: in sync. */
  public static final int OK = 0;
  /** Not converged (an app did not reach online); for {@code diff}: changes pending. */
  public static final int NOT_CONVERGED = 1;
  /** The command line was wrong. */
  public static final int USAGE = 2;
  /** The file is invalid, or the request failed. */
  public static final int FAILURE = 3;

  private ExitCode() {}
}
