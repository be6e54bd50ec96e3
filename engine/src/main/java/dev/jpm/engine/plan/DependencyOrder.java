package dev.jpm.engine.plan;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Orders apps along {@code depends_on}, keeping the given order wherever dependencies leave a choice, so the same
 * file always yields the same plan. Dependencies on apps outside the list (not planned, or not jpm's) impose nothing.
 * A cycle, which validation rejects, does not stop the planner: its apps follow in the given order.
 */
final class DependencyOrder {

  private DependencyOrder() {}

  /** Dependencies before their dependents: the order to start in. */
  static List<AppSpec> dependenciesFirst(List<AppSpec> apps) {
    return order(apps, (before, after) -> dependsOn(after, before));
  }

  /** Dependents before their dependencies: the order to delete in. */
  static List<AppSpec> dependentsFirst(List<AppSpec> apps) {
    return order(apps, DependencyOrder::dependsOn);
  }

  /** Repeatedly takes the first remaining app that no other remaining app must precede. */
  private static List<AppSpec> order(List<AppSpec> apps, BiPredicate<AppSpec, AppSpec> mustPrecede) {
    List<AppSpec> remaining = new ArrayList<>(apps);
    List<AppSpec> ordered = new ArrayList<>(apps.size());
    while (!remaining.isEmpty()) {
      AppSpec next = remaining.stream()
          .filter(app -> remaining.stream().noneMatch(other -> other != app && mustPrecede.test(other, app)))
          .findFirst()
          .orElse(remaining.getFirst());
      remaining.remove(next);
      ordered.add(next);
    }
    return ordered;
  }

  /** Whether {@code app} names {@code other} in its {@code depends_on}. */
  static boolean dependsOn(AppSpec app, AppSpec other) {
    return app.dependsOn().stream().map(Dependency::app).anyMatch(other.name()::equals);
  }
}
