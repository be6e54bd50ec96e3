package dev.jpm.engine.plan;

import java.util.Set;

/**
 * What the user asked the planner to consider.
 *
 * @param prune delete apps this file once applied and no longer lists
 * @param only limit the plan to these app names; empty = all
 */
public record PlanOptions(boolean prune, Set<String> only) {

  public static final PlanOptions DEFAULT = new PlanOptions(false, Set.of());

  public PlanOptions {
    only = Set.copyOf(only);
  }

  boolean includes(String app) {
    return only.isEmpty() || only.contains(app);
  }
}
