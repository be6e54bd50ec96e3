package dev.jpm.engine.plan;

import java.util.List;
import java.util.stream.Collectors;

/** The wording of causes shared by several actions, so a plan reads the same everywhere. */
final class Causes {

  /** A cause names at most this many changes, then {@code +N more}: one plan line per action stays readable. */
  static final int LISTED = 3;

  static final String NEW_APP = "new app";
  static final String NOT_AUTOSTARTED = "autostart: false";
  static final String SPEC_CHANGED = "spec changed";
  static final String MISSING = "missing";
  static final String EXTRA = "extra instance";
  static final String NO_RESTART = "no restart";
  static final String PRUNED = "not in file; --prune";

  private Causes() {}

  /** {@code a, b, c, +2 more}. */
  static String list(List<?> parts) {
    String listed = parts.stream().limit(LISTED).map(String::valueOf).collect(Collectors.joining(", "));
    int more = parts.size() - LISTED;
    return more > 0 ? listed + ", +" + more + " more" : listed;
  }

  /** {@code instances 2 → 3}. */
  static String scale(int from, int to) {
    return "instances " + from + " → " + to;
  }

  /** The note that stands in for a delete when the user did not pass {@code --prune}. */
  static String notPruned(String app, String source) {
    return app + " is no longer in " + ValueText.fileName(source) + "; jpm apply --prune deletes it";
  }
}
