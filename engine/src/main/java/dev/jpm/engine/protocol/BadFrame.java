package dev.jpm.engine.protocol;

import java.io.IOException;

/** A frame could not be read as a message of this protocol; {@link #code()} says which way. */
public final class BadFrame extends IOException {

  private final ErrorCode code;

  public BadFrame(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
