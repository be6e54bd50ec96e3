package dev.jpm.engine.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.config.ConfigProblem;
import dev.jpm.engine.config.ConfigSource;
import dev.jpm.engine.config.EcosystemLoader;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.plan.Plan;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.plan.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every ecosystem the repository ships loads without errors, in every profile it has, and plans a start of every instance. */
public class ExamplesTest {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path jpmHome;

  /** ecosystem.example.yaml and every ecosystem in examples/; also what jpm export's tests run on. */
  public static Stream<Path> ecosystems() throws IOException {
    try (Stream<Path> files = Files.walk(REPO.resolve("examples"))) {
      List<Path> examples = files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
      return Stream.concat(Stream.of(REPO.resolve("ecosystem.example.yaml")), examples.stream());
    }
  }

  @ParameterizedTest
  @MethodSource("ecosystems")
  void loadsAndPlansAStartOfEveryInstance(Path file) throws IOException {
    for (String profile : profiles(file)) {
      LoadResult loaded = new EcosystemLoader(jpmHome, 2)
          .load(new ConfigSource(file, Files.readString(file), profile, Map.of()));

      assertThat(loaded.errors()).as("%s with --env %s", file, profile).extracting(ConfigProblem::render).isEmpty();
      Plan plan = Planner.plan(loaded.desired(), ObservedState.EMPTY, PlanOptions.DEFAULT);
      int instances = loaded.desired().apps().stream().filter(AppSpec::autostart).mapToInt(AppSpec::instances).sum();
      assertThat(plan.actions()).as(plan.toString()).hasSize(instances).allMatch(a -> a.render().startsWith("+ start"));
    }
  }

  /** null (no --env) plus each env_NAME profile the file mentions. */
  private static List<String> profiles(Path file) throws IOException {
    List<String> named = java.util.regex.Pattern.compile("\"?env_([A-Za-z0-9_-]+)\"?\\s*:").matcher(Files.readString(file))
        .results().map(m -> m.group(1)).distinct().toList();
    return Stream.concat(Stream.of((String) null), named.stream()).toList();
  }
}
