package dev.jpm.engine.model;

import java.util.List;

/**
 * How jpm treats an app's git checkout (PM2's {@code vizion} and {@code post_update}).
 *
 * @param vizion collect revision info of the app's folder (PM2's default: true)
 * @param postUpdate shell commands run in the repository root after pull, forward or backward, in order
 */
public record Versioning(boolean vizion, List<String> postUpdate) {

  public static final Versioning DEFAULTS = new Versioning(true, List.of());

  public Versioning {
    postUpdate = postUpdate == null ? List.of() : List.copyOf(postUpdate);
  }
}
