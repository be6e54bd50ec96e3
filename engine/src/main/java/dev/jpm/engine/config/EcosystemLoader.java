package dev.jpm.engine.config;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Loads an ecosystem file into a {@link DesiredState}: reads YAML or strict JSON, canonicalises PM2's spellings,
 * validates against the schema, applies the {@code --env} profile and normalises every app. Never throws for bad
 * input: every problem of the file comes back at once, located, and one error means no desired state at all, so an
 * apply never acts on half a file. Stateless and safe to share between threads.
 */
public final class EcosystemLoader {

  private final Path jpmHome;
  private final int cpuCount;
  private final UnaryOperator<String> environment;

  /**
   * @param jpmHome where default log and pid files live
   * @param cpuCount what {@code instances: max} (and {@code -N}) count from
   */
  public EcosystemLoader(Path jpmHome, int cpuCount) {
    this(jpmHome, cpuCount, System::getenv);
  }

  EcosystemLoader(Path jpmHome, int cpuCount, UnaryOperator<String> environment) {
    this.jpmHome = Objects.requireNonNull(jpmHome, "jpmHome").toAbsolutePath();
    if (cpuCount < 1) throw new IllegalArgumentException("cpuCount must be >= 1, got " + cpuCount);
    this.cpuCount = cpuCount;
    this.environment = environment;
  }

  public LoadResult load(ConfigSource source) {
    try {
      return loadChecked(source);
    } catch (RuntimeException | StackOverflowError bug) {
      // Validation must never throw: an input nobody foresaw is still a file problem (exit 3), said as such.
      ConfigProblem problem = new ConfigProblem(source.file().toString(), 0, 0, null, null,
          "jpm could not check this file (" + bug + "); this is a bug in jpm: please report it with the file");
      return new LoadResult(null, List.of(problem), List.of());
    }
  }

  private LoadResult loadChecked(ConfigSource source) {
    Problems problems = new Problems(source.file().toString(), source.located());
    Optional<SourceTree> tree = SourceReader.read(source, problems);
    if (tree.isEmpty()) return result(null, problems);
    List<AppNode> apps = AppLocator.locate(tree.get(), problems);
    checkProfile(source.profile(), apps, problems);
    Path folder = source.file().getParent();
    LoadContext context = new LoadContext(folder, source.file().toString(), source.profile(), source.variables(),
        jpmHome, cpuCount, environment);
    List<AppSpec> specs = AppNormaliser.normalise(apps, tree.get(), context, problems);
    var metrics = new MetricsSection(tree.get(), "/metrics", problems)
        .endpoint(Set.of(MetricsSection.PORT, MetricsSection.HOST), true);
    return result(() -> new DesiredState(source.file().toString(), source.profile(), specs, metrics.orElse(null)),
        problems);
  }

  private static void checkProfile(String profile, List<AppNode> apps, Problems problems) {
    if (profile == null) return;
    Set<String> profiles = ProfileResolver.profiles(apps);
    if (profiles.contains(profile)) return;
    String known = profiles.isEmpty() ? "the file defines no profiles"
        : "the file's profiles: " + String.join(", ", profiles);
    problems.error(Position.FILE, null, null,
        "--env " + profile + ": no app has env_" + profile + "; " + known);
  }

  /** The result; {@code desired} is built only for a file without errors (it refuses, say, a repeated name). */
  static LoadResult result(Supplier<DesiredState> desired, Problems problems) {
    return problems.hasErrors()
        ? new LoadResult(null, problems.errors(), problems.warnings())
        : new LoadResult(desired.get(), List.of(), problems.warnings());
  }
}
