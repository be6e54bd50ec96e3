package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PM2's JavaScript ecosystem files, evaluated by the real {@code node} on PATH, then loaded as JSON. */
class JavaScriptEcosystemTest {

  @TempDir Path folder;

  private final Map<String, String> environment = new HashMap<>(Map.of(
      "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "DB_HOST", "db.internal"));

  private Path write(String name, String text) throws IOException {
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private JavaScriptEcosystem.Evaluation evaluate(Path file) {
    return JavaScriptEcosystem.evaluate(file, folder, environment);
  }

  private LoadResult load(Path file, String profile) {
    var evaluated = (JavaScriptEcosystem.Evaluated) evaluate(file);
    return new EcosystemLoader(folder.resolve("home"), 4)
        .load(new ConfigSource(file, evaluated.json(), profile, Map.of(), false));
  }

  private List<String> problems(Path file) {
    return ((JavaScriptEcosystem.Failed) evaluate(file)).problems().stream().map(ConfigProblem::render).toList();
  }

  @Test
  void functionsComputedValuesAndTheCallersEnvironmentAreEvaluatedAsPm2Does() throws IOException {
    write("lib/ports.js", "module.exports = { base: 3000 };\n");
    Path file = write("ecosystem.config.js", """
        const { base } = require('./lib/ports');
        const port = (i) => base + i;
        console.log('loading apps');
        module.exports = {
          apps: ['api', 'worker'].map((name, i) => ({
            name,
            script: 'sleep',
            args: ['1000'],
            instances: i + 1,
            env: { PORT: port(i), DB: `postgres://${process.env.DB_HOST}/app`, CWD: process.cwd() },
            env_production: { NODE_ENV: 'production' },
          })),
        };
        """);

    var evaluated = (JavaScriptEcosystem.Evaluated) evaluate(file);
    assertThat(evaluated.console()).contains("loading apps");
    assertThat(evaluated.json()).doesNotContain("loading apps");

    LoadResult loaded = load(file, "production");
    assertThat(loaded.errors()).isEmpty();
    List<AppSpec> apps = loaded.desired().apps();
    assertThat(apps).extracting(AppSpec::name).containsExactly("api", "worker");
    assertThat(apps.get(1).instances()).isEqualTo(2);
    assertThat(apps.get(1).env()).containsEntry("PORT", "3001").containsEntry("DB", "postgres://db.internal/app")
        .containsEntry("CWD", folder.toString()).containsEntry("NODE_ENV", "production");
  }

  @Test
  void esModulesAndCommonJsVariantsLoad() throws IOException {
    write("esm/package.json", "{\"type\": \"module\"}\n");
    Path moduleJs = write("esm/ecosystem.config.js", "export default { apps: [{ name: 'a', script: 'sleep' }] };\n");
    Path mjs = write("ecosystem.config.mjs", "export default { apps: [{ name: 'b', script: 'sleep' }] };\n");
    Path cjs = write("ecosystem.config.cjs", "module.exports = { apps: [{ name: 'c', script: 'sleep' }] };\n");

    assertThat(load(moduleJs, null).desired().apps().getFirst().name()).isEqualTo("a");
    assertThat(load(mjs, null).desired().apps().getFirst().name()).isEqualTo("b");
    assertThat(load(cjs, null).desired().apps().getFirst().name()).isEqualTo("c");
  }

  @Test
  void problemsOfTheEvaluatedFileNameTheAppAndKeyWithoutLinesOfTheGeneratedJson() throws IOException {
    Path file = write("ecosystem.config.js", """
        module.exports = { apps: [{ name: 'api', script: 'sleep', instancez: 2, max_restarts: 'many' }] };
        """);

    assertThat(load(file, null).errors()).extracting(ConfigProblem::render).containsExactlyInAnyOrder(
        file + ": app \"api\": unknown key 'instancez'; did you mean instances?",
        file + ": app \"api\": max_restarts: must be an integer >= 0, got \"many\"");
  }

  @Test
  void valuesJsonCannotCarryAreErrorsAtTheirKey() throws IOException {
    Path file = write("ecosystem.config.js", """
        module.exports = { apps: [{ name: 'api', script: 'sleep', env: { F: () => 1, N: NaN } }, { script: 'x', u: undefined }] };
        """);

    assertThat(problems(file)).containsExactly(
        file + ": app \"api\": env.F: is a function; jpm needs the value itself (call it in the file)",
        file + ": app \"api\": env.N: is NaN, not a finite number");
  }

  @Test
  void aFileThatThrowsExportsAFunctionOrNothingIsRefusedWithTheReason() throws IOException {
    Path throwing = write("throws.config.js", "require('./missing');\n");
    Path function = write("function.config.js", "module.exports = () => ({ apps: [] });\n");
    Path nothing = write("nothing.config.js", "const apps = [];\n");
    Path syntax = write("syntax.config.js", "module.exports = { apps: [\n");

    assertThat(problems(throwing)).singleElement().asString()
        .startsWith(throwing + ": evaluating the file threw: Cannot find module './missing'");
    assertThat(problems(function)).containsExactly(function
        + ": the file exports a function; export the configuration itself: module.exports = { apps: [...] }");
    assertThat(problems(nothing)).singleElement().asString().contains("the file exports an empty object");
    assertThat(problems(syntax)).singleElement().asString()
        .contains("evaluating the file threw: Unexpected end of input (" + syntax + ":");
  }

  @Test
  void aFileThatNeverEndsIsStoppedAfterTheTimeout() throws IOException {
    Path file = write("loop.config.js", "process.stdout.write('{}'); while (true) {}\n");
    environment.put(JavaScriptEcosystem.TIMEOUT_VARIABLE, "700");

    assertThat(problems(file)).singleElement().asString()
        .contains("node did not finish evaluating the file within 700 ms");
  }

  @Test
  void withoutNodeOnPathTheErrorSaysSo() throws IOException {
    Path file = write("ecosystem.config.js", "module.exports = { apps: [] };\n");
    environment.put("PATH", Files.createDirectories(folder.resolve("empty-bin")).toString());

    assertThat(problems(file)).singleElement().asString().contains("there is no 'node' on PATH");
  }
}
