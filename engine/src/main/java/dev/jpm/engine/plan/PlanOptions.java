package dev.jpm.engine.plan;

import java.util.Set;

/**
 * What the user asked the planner to consider.
 *
 * @param prune delete apps this file once applied and no longer lists
 * @param only limit the plan to these app names; empty = all
 * @param requestedRestartsOnly plan only the instances with a restart request (a cron, a file change, a memory
 *     limit): such a trigger replaces what it asked for and nothing else, not even a stopped sibling
 */
public record PlanOptions(boolean prune, Set<String> only, boolean requestedRestartsOnly) {

  public static final PlanOptions DEFAULT = new PlanOptions(false, Set.of());

  public PlanOptions {
    only = Set.copyOf(only);
  }

  public PlanOptions(boolean prune, Set<String> only) {
    this(prune, only, false);
  }

  /** Honour the pending restart requests of {@code app}, nothing else. */
  public static PlanOptions requestedRestarts(String app) {
    return new PlanOptions(false, Set.of(app), true);
  }

  boolean includes(String app) {
    return only.isEmpty() || only.contains(app);
  }
}
