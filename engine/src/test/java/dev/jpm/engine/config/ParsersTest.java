package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small value parsers: durations, sizes, argument splitting, nearest keys, variable references. */
class ParsersTest {

  @ParameterizedTest
  @CsvSource({"1500,1500", "500ms,500", "1s,1000", "2m,120000", "1h,3600000", "1.5s,1500", "100,100"})
  void durations(String text, long millis) {
    assertThat(Durations.parse(text)).hasValue(millis);
  }

  @ParameterizedTest
  @CsvSource({"1x", "-5", "s", "1 s", "''"})
  void notDurations(String text) {
    assertThat(Durations.parse(text)).isEqualTo(OptionalLong.empty());
  }

  @ParameterizedTest
  @CsvSource({"1024,1024", "1K,1024", "200M,209715200", "1G,1073741824", "1.5K,1536", "10MB,10485760", "2k,2048"})
  void sizes(String text, long bytes) {
    assertThat(Sizes.parse(text)).hasValue(bytes);
  }

  @ParameterizedTest
  @CsvSource({"12Q", "M", "-1M", "1T"})
  void notSizes(String text) {
    assertThat(Sizes.parse(text)).isEqualTo(OptionalLong.empty());
  }

  @Test
  void splitsOnWhitespaceHonouringQuotes() {
    assertThat(ArgumentSplitter.split("  --port 80 --name \"my app\" 'it''s' ''"))
        .containsExactly("--port", "80", "--name", "my app", "its", "");
  }

  @Test
  void nearestKeyToleratesTyposOnly() {
    var keys = java.util.List.of("max_restarts", "min_uptime", "kill_timeout");
    assertThat(NearestKey.among("max_restart", keys)).hasValue("max_restarts");
    assertThat(NearestKey.among("min_uptiem", keys)).hasValue("min_uptime");
    assertThat(NearestKey.among("banana", keys)).isEmpty();
    assertThat(NearestKey.distance("ab", "ba")).isEqualTo(1);
  }

  @Test
  void scansVariableReferences() {
    assertThat(VariableReferences.scan("a: ${HOST}:${PORT:-80} $${LITERAL} ${HOST}"))
        .containsExactly("HOST", "PORT");
  }

  @Test
  void expandsVariablesAndDefaults() {
    var unset = new java.util.ArrayList<String>();
    String value = VariableReferences.expand("${HOST}:${PORT:-80}/${MISSING} costs $$5", Map.of("HOST", "db"), unset::add);
    assertThat(value).isEqualTo("db:80/ costs $5");
    assertThat(unset).containsExactly("MISSING");
  }
}
