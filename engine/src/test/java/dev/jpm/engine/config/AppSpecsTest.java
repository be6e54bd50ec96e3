package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PM2's one-liner {@code start SCRIPT --name N -i N -- args} gets the same normalisation as a file. */
class AppSpecsTest {

  @TempDir Path temp;
  LoaderFixture fx;
  AppSpecs specs;

  @BeforeEach
  void setUp() {
    fx = new LoaderFixture(temp).script("server.py");
    Map<String, String> env = Map.of("PATH", fx.bin.toString());
    specs = new AppSpecs(fx.home, LoaderFixture.CPUS, env::get);
  }

  @Test
  void buildsTheAppWithDefaults() {
    LoadResult result = specs.fromCommandLine("server.py", null, "max", List.of("--port", "80"), fx.dir);
    assertThat(result.errors()).isEmpty();
    var app = result.desired().apps().getFirst();
    assertThat(app.name()).isEqualTo("server");
    assertThat(app.instances()).isEqualTo(LoaderFixture.CPUS);
    assertThat(app.command()).containsExactly("python3", fx.path("server.py"), "--port", "80");
    assertThat(app.source()).isNull();
    assertThat(app.logs().outFile()).isEqualTo(fx.home.resolve("logs/server-out.log").toString());
  }

  @Test
  void reportsProblemsAgainstTheCommandLine() {
    LoadResult result = specs.fromCommandLine("nothere.py", "all", "x", List.of(), fx.dir);
    assertThat(result.errors()).extracting(ConfigProblem::render).containsExactly(
        "command line: app \"all\": instances: must be a number of instances, \"max\" or -N (CPU count minus N), got \"x\"",
        "command line: app \"all\": name: app name \"all\" is reserved or malformed: it must not contain '#' or '/' nor be 'all'",
        "command line: app \"all\": script: not found: " + fx.path("nothere.py")
            + " does not exist and 'nothere.py' is not a command on PATH");
  }
}
