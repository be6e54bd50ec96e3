package dev.jpm.engine.config;

import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.os.Users;
import java.util.Optional;

/** The one line {@code apply} says when apps will run as root because they name no user (PM2's silent default). */
public final class RunsAsRoot {

  private RunsAsRoot() {}

  /** The warning for {@code desired} applied by root, empty otherwise. */
  public static Optional<String> warning(DesiredState desired) {
    return warning(desired, Users.effectiveUid());
  }

  static Optional<String> warning(DesiredState desired, int effectiveUid) {
    long asRoot = desired.apps().stream().filter(app -> app.runAs() == null).count();
    if (effectiveUid != 0 || asRoot == 0) return Optional.empty();
    return Optional.of(asRoot + (asRoot == 1 ? " app runs" : " apps run") + " as root, as jpm's daemon does: name "
        + "the user with uid (PM2's user) to run " + (asRoot == 1 ? "it" : "them") + " as that user");
  }
}
