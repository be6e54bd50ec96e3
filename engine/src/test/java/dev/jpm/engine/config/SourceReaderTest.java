package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML 1.2 and strict JSON become the same tree, with marks for keys and values. */
class SourceReaderTest {

  private static SourceTree read(String name, String text) {
    Problems problems = new Problems(name);
    var tree = SourceReader.read(new ConfigSource(Path.of("/tmp", name), text, null, Map.of()), problems);
    assertThat(problems.errors()).isEmpty();
    return tree.orElseThrow();
  }

  @Test
  void yamlIsReadWithTheCoreSchema() {
    SourceTree tree = read("a.yaml", """
        apps:
          - name: api
            flag: yes
            on: true
            n: 0x10
            f: 1.5
            nothing: ~
        """);
    var app = tree.root().at("/apps/0");
    assertThat(app.get("flag").isString()).isTrue(); // YAML 1.1 would read a boolean
    assertThat(app.get("on").asBoolean()).isTrue();
    assertThat(app.get("n").asLong()).isEqualTo(16);
    assertThat(app.get("f").asDouble()).isEqualTo(1.5);
    assertThat(app.get("nothing").isNull()).isTrue();
    assertThat(tree.keyAt("/apps/0/flag")).isEqualTo(new Position(3, 5));
    assertThat(tree.valueAt("/apps/0/flag")).isEqualTo(new Position(3, 11));
  }

  @Test
  void yamlMergeKeysAndAnchors() {
    SourceTree tree = read("a.yaml", """
        defaults: &defaults {autorestart: false, max_restarts: 3}
        apps:
          - <<: *defaults
            name: api
            max_restarts: 5
        """);
    assertThat(tree.root().at("/apps/0").toString())
        .isEqualTo("{\"name\":\"api\",\"max_restarts\":5,\"autorestart\":false}");
  }

  @Test
  void jsonIsRecognisedByContentToo() {
    SourceTree tree = read("ecosystem.config", "\uFEFF  {\"apps\": [{\"name\": \"api\"}]}");
    assertThat(tree.valueAt("/apps/0/name")).isEqualTo(new Position(1, 22));
    assertThat(tree.keyAt("/apps/0/name")).isEqualTo(new Position(1, 14));
  }

  @Test
  void emptyFileAndSecondDocumentAreErrors() {
    Problems problems = new Problems("a.yaml");
    SourceReader.read(new ConfigSource(Path.of("/tmp/a.yaml"), "  \n", null, Map.of()), problems);
    SourceReader.read(new ConfigSource(Path.of("/tmp/a.yaml"), "apps: []\n---\napps: []\n", null, Map.of()), problems);
    assertThat(problems.errors()).extracting(ConfigProblem::render).containsExactly(
        "a.yaml: the file is empty; it should list apps under 'apps:'",
        "a.yaml:2:1: invalid YAML: expected a single document in the stream, but found another document");
  }

  @Test
  void aPackageJsonGivesItsAppsAndNothingElseOfNpms() {
    SourceTree tree = read("package.json", """
        {"name": "shop", "version": "1.0.0", "dependencies": {"x": "1"},
         "apps": [{"name": "api", "script": "server.js"}]}
        """);
    assertThat(tree.root().propertyNames()).containsExactly("apps");
    assertThat(tree.keyAt("/apps/0/script")).isEqualTo(new Position(2, 27));
  }

  @Test
  void aPackageJsonWithoutAppsIsRefusedWithASentenceSayingSo() {
    Problems problems = new Problems("package.json");
    var tree = SourceReader.read(
        new ConfigSource(Path.of("/tmp/package.json"), "{\"name\": \"shop\"}", null, Map.of()), problems);
    assertThat(tree).isEmpty();
    assertThat(problems.errors()).singleElement().extracting(ConfigProblem::message).asString()
        .startsWith("this package.json has no 'apps' key, so it lists no apps for jpm");
  }
}
