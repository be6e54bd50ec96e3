package dev.jpm.engine.protocol;

/** Stable numbers for {@link Response.Failure}; never renumber. */
public enum ErrorCode {
  BAD_REQUEST(1),
  UNSUPPORTED_VERSION(2),
  TOO_LARGE(3),
  NOT_FOUND(4),
  INVALID_ARGUMENT(5),
  INTERNAL(6),
  /** A valid request that could not be done (a git move refused, a post_update command failed). */
  FAILED(7),
  /** The daemon refused the connection or request for lack of room (too many connections, too much data). */
  BUSY(8);

  private final int number;

  ErrorCode(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  public Response.Failure failure(String message) {
    return new Response.Failure(number, message);
  }
}
