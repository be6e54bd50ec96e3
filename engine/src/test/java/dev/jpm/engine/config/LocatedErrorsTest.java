package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is reported at its line and column, with the app and field it concerns. */
class LocatedErrorsTest {

  @TempDir Path temp;
  LoaderFixture fx;

  @BeforeEach
  void setUp() {
    fx = new LoaderFixture(temp).script("server.js").script("worker.js");
  }

  private List<String> errors(String fileName, String content) {
    return errors(fx.load(fileName, content));
  }

  private static List<String> errors(LoadResult result) {
    assertThat(result.desired()).isNull();
    return result.errors().stream().map(ConfigProblem::render).toList();
  }

  private String at(String fileName) {
    return fx.path(fileName);
  }

  @Test
  void badYamlAtItsLineAndColumn() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: [server.js
        """)).singleElement().asString().startsWith(at("e.yaml") + ":4:1: invalid YAML");
  }

  @Test
  void javascriptCommentInJson() {
    assertThat(errors("e.json", """
        {
          // the api
          "apps": []
        }
        """)).containsExactly(at("e.json") + ":2:3: jpm reads strict JSON or YAML; JSON has no comments (e.g. remove the comment)");
  }

  @Test
  void unquotedKeyInJson() {
    assertThat(errors("e.json", """
        {"apps": [{
          name: "api"
        }]}
        """)).containsExactly(at("e.json") + ":2:3: jpm reads strict JSON or YAML; JSON keys must be quoted (e.g. quote the key)");
  }

  @Test
  void trailingCommaInJson() {
    assertThat(errors("e.json", """
        {"apps": [{"script": "server.js",}]}
        """)).containsExactly(at("e.json") + ":1:34: jpm reads strict JSON or YAML; JSON allows no trailing comma (e.g. remove the comma before it)");
  }

  @Test
  void singleQuotesInJson() {
    assertThat(errors("e.json", """
        {"apps": [{"script": 'server.js'}]}
        """)).containsExactly(at("e.json") + ":1:22: jpm reads strict JSON or YAML; JSON strings use double quotes (e.g. replace the single quotes)");
  }

  @Test
  void unknownKeyNamesTheNearestKnownOne() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: server.js
            max_restart: 3
        """)).containsExactly(at("e.yaml") + ":4:5: app \"api\": unknown key 'max_restart'; did you mean max_restarts?");
  }

  @Test
  void schemaTypeErrorIsHuman() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: server.js
            max_restarts: abc
            autorestart: "yes"
        """)).containsExactly(
            at("e.yaml") + ":4:19: app \"api\": max_restarts: must be an integer >= 0, got \"abc\"",
            at("e.yaml") + ":5:18: app \"api\": autorestart: must be true or false, got \"yes\"");
  }

  @Test
  void schemaErrorInStrictJsonIsLocatedToo() {
    assertThat(errors("e.json", """
        {
          "apps": [
            {"name": "api", "script": "server.js", "instances": "four"}
          ]
        }
        """)).containsExactly(at("e.json")
            + ":3:57: app \"api\": instances: must be a number of instances, \"max\" or -N (CPU count minus N), got \"four\"");
  }

  @Test
  void missingScript() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
        """)).containsExactly(at("e.yaml") + ":2:5: app \"api\": 'script' is required: the program to run");
  }

  @Test
  void duplicateAppNames() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: server.js
          - name: api
            script: worker.js
        """)).containsExactly(at("e.yaml") + ":4:11: app \"api\": name: duplicate app name \"api\" (first defined at line 2)");
  }

  @Test
  void instancesOutOfRange() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: server.js
            instances: 5000
        """)).containsExactly(at("e.yaml") + ":4:16: app \"api\": instances: must resolve to 1..1024 instances, got 5000");
  }

  @Test
  void unknownProfileListsTheFilesProfiles() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - name: api
            script: server.js
            env_production: {A: "1"}
            env_test: {A: "2"}
        """, "staging", Map.of());
    assertThat(errors(result)).containsExactly(
        at("e.yaml") + ": --env staging: no app has env_staging; the file's profiles: production, test");
  }

  @Test
  void badDuration() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: server.js
            min_uptime: 1x
        """)).containsExactly(at("e.yaml") + ":4:17: app \"api\": min_uptime: must be a duration: milliseconds, or a number with ms, s, m or h (e.g. 1500, \"2s\"), got \"1x\"");
  }

  @Test
  void badSize() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: server.js
            max_memory_restart: 12Q
        """)).containsExactly(at("e.yaml") + ":4:25: app \"api\": max_memory_restart: must be a size: bytes, or a number with K, M or G (powers of 1024, e.g. \"200M\"), got \"12Q\"");
  }

  @Test
  void scriptNotFound() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: missing.js
        """)).containsExactly(at("e.yaml") + ":3:13: app \"api\": script: not found: " + at("missing.js")
            + " does not exist and 'missing.js' is not a command on PATH");
  }

  @Test
  void cwdMissingOrNotADirectory() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: server.js
            cwd: nowhere
          - name: web
            script: server.js
            cwd: server.js
        """)).containsExactly(
            at("e.yaml") + ":4:10: app \"api\": cwd: no such directory: " + at("nowhere"),
            at("e.yaml") + ":7:10: app \"web\": cwd: not a directory: " + at("server.js"));
  }

  @Test
  void dependsOnUnknownApp() {
    assertThat(errors("e.yaml", """
        apps:
          - name: db
            script: server.js
          - name: api
            script: worker.js
            depends_on: [dbx]
        """)).containsExactly(at("e.yaml") + ":6:18: app \"api\": depends_on[0]: unknown app \"dbx\"; did you mean db?");
  }

  @Test
  void dependsOnCycle() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: server.js
            depends_on: [worker]
          - name: worker
            script: worker.js
            depends_on:
              - app: api
                condition: ready
        """)).containsExactly(at("e.yaml") + ":8:7: app \"worker\": depends_on: dependency cycle: api -> worker -> api");
  }

  @Test
  void reservedOrMalformedNames() {
    assertThat(errors("e.yaml", """
        apps:
          - name: all
            script: server.js
          - name: a/b
            script: server.js
          - name: "a#1"
            script: worker.js
        """)).containsExactly(
            at("e.yaml") + ":2:11: app \"all\": name: app name \"all\" is reserved or malformed: it must not contain '#' or '/' nor be 'all'",
            at("e.yaml") + ":4:11: app \"a/b\": name: must be a name without '#' or '/', got \"a/b\"",
            at("e.yaml") + ":6:11: app \"a#1\": name: must be a name without '#' or '/', got \"a#1\"");
  }

  @Test
  void unsetVariableWithoutDefault() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - name: api
            script: server.js
            env:
              DB_URL: postgres://${DB_HOST}/app
        """, null, Map.of());
    assertThat(errors(result)).containsExactly(at("e.yaml")
        + ":5:15: app \"api\": env.DB_URL: ${DB_HOST} is not set and has no default (export DB_HOST, or write ${DB_HOST:-default})");
  }

  @Test
  void allProblemsOfTheFileAtOnce() {
    LoadResult result = fx.load("e.yaml", """
        apps:
          - name: api
            script: server.js
            max_restart: 3
          - name: web
            script: nothere.js
            kill_timeout: soon
        """);
    assertThat(result.errors()).extracting(ConfigProblem::line).containsExactly(4, 6, 7);
  }

  @Test
  void unusablePathIsAnErrorNotACrash() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: "server\\0.js"
        """)).singleElement().asString().startsWith(at("e.yaml") + ":2:5: app \"api\": not a usable path: ");
  }

  @Test
  void badCronShapeAndBadReadyPattern() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: server.js
            cron: "0 3 * *"
            ready_pattern: "listening (on"
        """)).containsExactly(
            at("e.yaml") + ":4:11: app \"api\": cron_restart: not a valid cron expression \"0 3 * *\": has 4 fields; "
                + "write 5 (minute hour day month weekday) or 6 (second first); e.g. \"0 3 * * *\" restarts every day at 03:00",
            at("e.yaml") + ":5:20: app \"api\": ready_pattern: not a valid regular expression: Unclosed group");
  }

  @Test
  void cronOutOfRangeIsReportedByQuartzAtTheValue() {
    assertThat(errors("e.json", """
        {"apps": [
          {"name": "api", "script": "server.js", "cron_restart": "0 25 * * *"},
          {"name": "worker", "script": "worker.js", "cron": "0 3 * * 9"}
        ]}
        """)).containsExactly(
            at("e.json") + ":2:58: app \"api\": cron_restart: not a valid cron expression \"0 25 * * *\": "
                + "Hour values must be between 0 and 23; e.g. \"0 3 * * *\" restarts every day at 03:00",
            at("e.json") + ":3:53: app \"worker\": cron_restart: not a valid cron expression \"0 3 * * 9\": "
                + "day-of-week: 9 is not a weekday (0-7 or SUN-SAT); e.g. \"0 3 * * *\" restarts every day at 03:00");
  }

  @Test
  void badIgnoreWatchGlob() {
    assertThat(errors("e.yaml", """
        apps:
          - name: api
            script: server.js
            watch: true
            ignore_watch: [node_modules, "logs/[a-"]
        """)).singleElement().asString()
        .isEqualTo(at("e.yaml") + ":5:34: app \"api\": ignore_watch[1]: not a valid glob: Missing '] in \"logs/[a-\"");
  }
}
