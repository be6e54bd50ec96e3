package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node's util.inspect layout, as pm2 id and pm2 prettylist print values. */
class InspectedTest {

  @Test
  void shortListsAndObjectsStayOnOneLine() {
    assertThat(Inspected.of(List.of(0, 1))).isEqualTo("[ 0, 1 ]");
    assertThat(Inspected.of(List.of())).isEqualTo("[]");
    assertThat(Inspected.of(Map.of())).isEqualTo("{}");
    assertThat(Inspected.of(Map.of("memory", 5L))).isEqualTo("{ memory: 5 }");
  }

  @Test
  void keysAreBareWhenTheyAreIdentifiersAndStringsAreSingleQuoted() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "it's");
    value.put("NODE_APP_INSTANCE", 0);
    value.put("my-key", null);
    value.put("on", true);

    assertThat(Inspected.of(value)).isEqualTo("{ name: 'it\\'s', NODE_APP_INSTANCE: 0, 'my-key': null, on: true }");
  }

  @Test
  void whatDoesNotFitIsOnePartPerLineIndentedByTwo() {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("pm_out_log_path", "/srv/jpm-home/logs/a-rather-long-application-name-out-0.log");
    env.put("status", "online");
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("pid", 42);
    entry.put("pm2_env", env);

    assertThat(Inspected.of(List.of(entry))).isEqualTo("""
        [
          {
            pid: 42,
            pm2_env: {
              pm_out_log_path: '/srv/jpm-home/logs/a-rather-long-application-name-out-0.log',
              status: 'online'
            }
          }
        ]""");
  }
}
