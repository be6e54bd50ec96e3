package dev.jpm.cli;

/** A failure the user can act on: printed as one line ({@code jpm: message}), exit code attached. */
public final class CliFailure extends RuntimeException {

  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliFailure(String message) {
    this(ExitCode.FAILURE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
