package dev.jpm.engine.daemon;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.Dependency;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which imperative stops and deletes take apps down: in waves, dependents before what they depend on
 * ({@code depends_on} in reverse), apps of one wave in parallel. Only dependencies among the apps being stopped
 * count; a cycle (which validation rejects) ends up in one last wave.
 */
final class StopWaves {

  private StopWaves() {}

  static List<List<String>> of(Collection<String> apps, Map<String, AppSpec> specs) {
    Set<String> remaining = new LinkedHashSet<>(apps);
    List<List<String>> waves = new ArrayList<>();
    while (!remaining.isEmpty()) {
      List<String> wave = remaining.stream().filter(app -> remaining.stream()
          .noneMatch(other -> !other.equals(app) && dependsOn(specs.get(other), app))).toList();
      if (wave.isEmpty()) wave = List.copyOf(remaining);
      waves.add(wave);
      wave.forEach(remaining::remove);
    }
    return waves;
  }

  private static boolean dependsOn(AppSpec spec, String app) {
    return spec != null && spec.dependsOn().stream().map(Dependency::app).anyMatch(app::equals);
  }
}
