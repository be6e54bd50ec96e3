package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** PM2's aliases and camelCase spellings become one canonical key; PM2-only keys warn; others are errors. */
class KeyCanonicaliserTest {

  @TempDir Path temp;
  LoaderFixture fx;

  @BeforeEach
  void setUp() {
    fx = new LoaderFixture(temp).script("server.js");
  }

  @ParameterizedTest
  @CsvSource({"exec_interpreter,interpreter", "execInterpreter,interpreter", "node_args,interpreter_args",
      "nodeArgs,interpreter_args", "interpreterArgs,interpreter_args", "out,out_file", "output,out_file",
      "out_log,out_file", "err,error_file", "error,error_file", "err_file,error_file", "err_log,error_file",
      "errFile,error_file", "log,log_file", "combine_logs,merge_logs", "cron,cron_restart", "exec,script",
      "cmd,script", "command,script", "user,uid", "pid,pid_file", "maxMemoryRestart,max_memory_restart",
      "max_memory_restart,max_memory_restart", "maxRestarts,max_restarts", "dependsOn,depends_on"})
  void aliasesAndCamelCaseMapToTheCanonicalKey(String written, String canonical) {
    ObjectNode app = JsonNodeFactory.instance.objectNode().put(written, "value");
    SourceTree tree = new SourceTree(app, Map.of("/" + written, new Position(3, 7)), Map.of());
    Problems problems = new Problems("f");

    new KeyCanonicaliser(Vocabulary.INSTANCE).canonicalise(app, "", tree, "api", problems);

    assertThat(problems.errors()).isEmpty();
    assertThat(app.propertyNames()).containsExactly(canonical);
    assertThat(tree.valueAt("/" + canonical)).isEqualTo(new Position(3, 7));
  }

  @Test
  void aliasesLoad() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - cmd: server.js
            name: api
            output: out.log
            err: err.log
            combineLogs: true
            maxMemoryRestart: 1K
        """);
    assertThat(result.errors()).isEmpty();
    var api = result.desired().apps().getFirst();
    assertThat(api.logs().outFile()).isEqualTo(fx.path("out.log"));
    assertThat(api.logs().errorFile()).isEqualTo(fx.path("err.log"));
    assertThat(api.logs().merge()).isTrue();
    assertThat(api.maxMemoryBytes()).isEqualTo(1024);
  }

  @Test
  void pm2OnlyKeysWarnAndAreIgnored() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - name: api
            script: server.js
            pmx: true
            vizion: false
            watch_options: {usePolling: true}
        """);
    assertThat(result.errors()).isEmpty();
    assertThat(result.desired().apps().getFirst().versioning().vizion()).isFalse();
    assertThat(result.warnings()).extracting(ConfigProblem::render).containsExactly(
        fx.path("e.yaml") + ":4:5: app \"api\": 'pmx' is a PM2/Node-only option; jpm ignores it",
        fx.path("e.yaml") + ":6:5: app \"api\": 'watch_options' is a PM2/Node-only option; jpm ignores it");
  }

  @Test
  void aliasAndCanonicalTogetherIsAnError() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - name: api
            script: server.js
            out_file: a.log
            out: b.log
        """);
    assertThat(result.errors()).extracting(ConfigProblem::render).containsExactly(
        fx.path("e.yaml") + ":5:5: app \"api\": out_file: 'out' and 'out_file' set the same option; keep one");
  }

  @Test
  void unknownTopLevelKeyAndNonObjectApp() {
    LoadResult result = fx.load("e.yaml", """
        aps: []
        apps:
          - 42
        static: []
        """);
    assertThat(result.errors()).extracting(ConfigProblem::render).containsExactly(
        fx.path("e.yaml") + ":1:1: unknown top-level key 'aps'; did you mean apps?",
        fx.path("e.yaml") + ":3:5: each app must be an object with at least 'script', got 42");
    assertThat(result.warnings()).extracting(ConfigProblem::message)
        .containsExactly("PM2's 'static' section is not supported by jpm; it is ignored");
  }

  @Test
  void bareListAndDuplicateYamlKeys() {
    assertThat(fx.load("e.yaml", "- script: server.js\n").errors()).isEmpty();
    assertThat(fx.load("e.yaml", "apps:\n  - script: server.js\n    script: server.js\n").errors())
        .extracting(ConfigProblem::render)
        .containsExactly(fx.path("e.yaml") + ":3:5: duplicate key 'script'");
  }

  @Test
  void duplicateJsonKey() {
    assertThat(fx.load("e.json", "{\"apps\": [{\"script\": \"server.js\", \"script\": \"x\"}]}").errors())
        .extracting(ConfigProblem::message).containsExactly("duplicate key 'script'");
  }
}
