package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** {@code ecosystem.schema.json} covers PM2's whole option list and agrees with the canonicaliser's tables. */
class SchemaTest {

  /** The 65 entries of PM2's {@code lib/API/schema.json} (pm2.md section 1). */
  static final List<String> PM2_KEYS = List.of(
      "script", "name", "name_prefix", "filter_env", "namespace", "install_url", "cwd", "args", "exec_interpreter",
      "node_args", "out_file", "error_file", "log_file", "disable_logs", "log_type", "log_date_format", "time",
      "env", "^env_\\S*$", "max_memory_restart", "pid_file", "restart_delay", "exp_backoff_restart_delay",
      "source_map_support", "disable_source_map_support", "wait_ready", "instances", "kill_timeout",
      "shutdown_with_message", "listen_timeout", "cron_restart", "merge_logs", "vizion", "autostart", "autorestart",
      "stop_exit_codes", "watch_delay", "watch", "ignore_watch", "watch_options", "min_uptime", "max_restarts",
      "execute_command", "exec_mode", "force", "append_env_to_name", "post_update", "trace", "disable_trace", "v8",
      "event_loop_inspector", "deep_monitoring", "increment_var", "instance_var", "pmx", "automation", "treekill",
      "port", "username", "uid", "gid", "windowsHide", "kill_retry_time", "write", "io");

  static final List<String> JPM_KEYS = List.of("stop_signal", "port", "host", "health_check", "depends_on",
      "namespace", "ready_pattern", "max_surge", "max_unavailable", "drain_timeout", "post_update");

  private final Vocabulary vocabulary = Vocabulary.INSTANCE;

  @TempDir Path temp;
  LoaderFixture fx;

  @BeforeEach
  void setUp() {
    fx = new LoaderFixture(temp).script("server.js");
  }

  @Test
  void listsSixtyFiveUniquePm2Keys() {
    assertThat(Set.copyOf(PM2_KEYS)).hasSize(65);
  }

  @ParameterizedTest
  @FieldSource("PM2_KEYS")
  void everyPm2KeyIsInTheSchema(String key) {
    JsonNode app = vocabulary.schema().at("/$defs/app");
    if (key.startsWith("^")) {
      assertThat(app.path("patternProperties").has("^env_\\S+$")).isTrue();
    } else {
      assertThat(vocabulary.appKeys()).contains(key);
    }
  }

  @ParameterizedTest
  @FieldSource("PM2_KEYS")
  void everyPm2KeyLoadsWithoutAnUnknownKeyError(String key) {
    String yamlKey = key.startsWith("^") ? "env_production" : key;
    LoadResult result = fx.load("e.yaml", "apps:\n  - script: server.js\n    " + yamlKey + ": {}\n");
    assertThat(result.errors()).extracting(ConfigProblem::message).noneMatch(m -> m.startsWith("unknown key"));
  }

  @ParameterizedTest
  @FieldSource("JPM_KEYS")
  void jpmAdditionsAreCanonicalKeys(String key) {
    assertThat(new KeyCanonicaliser(vocabulary).canonicalKeys()).contains(key);
  }

  @Test
  void aliasesAndIgnoredKeysOfTheCanonicaliserAreDocumentedInTheSchema() {
    assertThat(vocabulary.appKeys()).containsAll(KeyCanonicaliser.ALIASES.keySet());
    assertThat(vocabulary.appKeys()).containsAll(KeyCanonicaliser.IGNORED);
    assertThat(KeyCanonicaliser.ALIASES.values()).allSatisfy(target ->
        assertThat(new KeyCanonicaliser(vocabulary).canonicalKeys()).contains(target));
  }

  @Test
  void isDraft2020_12AndEveryLocalReferenceResolves() {
    assertThat(vocabulary.schema().path("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    Pattern ref = Pattern.compile("\"\\$ref\":\"(#[^\"]*)\"");
    var matcher = ref.matcher(vocabulary.schema().toString());
    while (matcher.find()) {
      assertThat(vocabulary.schema().at(matcher.group(1).substring(1)).isMissingNode())
          .as(matcher.group(1)).isFalse();
    }
  }

  @Test
  void healthCheckAndDependenciesValidate() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - name: db
            script: server.js
          - name: api
            script: server.js
            health_check: {type: http, path: /health, port: 8080, interval: 5s, timeout: 1s, retries: 3}
            depends_on: [db, {app: db, condition: ready}]
            stop_signal: SIGTERM
            max_surge: 25%
            max_unavailable: 0
            drain_timeout: 30s
            ready_pattern: "listening on"
            host: 127.0.0.1
        """);
    assertThat(result.errors()).isEmpty();
    var api = result.desired().apps().get(1);
    assertThat(api.stop().signal()).isEqualTo("TERM");
    assertThat(api.dependsOn()).extracting(d -> d.app() + ":" + d.condition()).containsExactly("db:STARTED", "db:READY");
  }

  @Test
  void nestedSchemaErrorsAreLocatedAndNamed() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - name: api
            script: server.js
            health_check: {type: udp, port: 8080, intervall: 5s}
            stop_signal: STOP
        """);
    assertThat(result.errors()).extracting(ConfigProblem::render).containsExactly(
        fx.path("e.yaml") + ":4:26: app \"api\": health_check.type: must be one of \"http\", \"tcp\", got \"udp\"",
        fx.path("e.yaml") + ":4:43: app \"api\": health_check: unknown key 'intervall'; did you mean interval?",
        fx.path("e.yaml") + ":5:18: app \"api\": stop_signal: must be a signal name such as SIGINT, SIGTERM, INT or TERM, got \"STOP\"");
  }

  @Test
  void listItemErrorsNameTheirIndex() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - name: api
            script: server.js
            stop_exit_codes: [1, x]
            env: {PORT: [80]}
        """);
    assertThat(result.errors()).extracting(ConfigProblem::render).containsExactly(
        fx.path("e.yaml") + ":4:26: app \"api\": stop_exit_codes[1]: must be an integer, got \"x\"");
  }

  @Test
  void isItselfValidAgainstTheDraft2020_12MetaSchema() {
    var registry = com.networknt.schema.SchemaRegistry.withDefaultDialect(
        com.networknt.schema.SpecificationVersion.DRAFT_2020_12);
    var meta = registry.getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertThat(meta.validate(vocabulary.schema())).isEmpty();
    assertThat(meta.validate(tools.jackson.databind.json.JsonMapper.shared().readTree("{\"type\": 5}")))
        .as("the meta-schema check has teeth").isNotEmpty();
  }
}
