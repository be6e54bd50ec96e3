package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.AppInstances;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** jlist's shape: the keys PM2 tools read, with the values of jpm's rows and specs. */
class Pm2ProcessesTest {

  @Test
  void eachInstanceHasPm2sKeysInPm2sOrder() {
    JsonNode entry = jlist(List.of(new AppInstances(Samples.SPEC, List.of(Samples.VIEW)))).get(0);

    assertThat(names(entry)).containsExactly("pid", "name", "pm2_env", "pm_id", "monit");
    assertThat(entry.path("pid").asLong()).isEqualTo(4242);
    assertThat(entry.path("name").asString()).isEqualTo("api");
    assertThat(entry.path("pm_id").asInt()).isEqualTo(12);
    assertThat(entry.path("monit").path("memory").asLong()).isEqualTo(52_428_800L);
    assertThat(entry.path("monit").path("cpu").asDouble()).isEqualTo(12.5);
  }

  @Test
  void pm2EnvCarriesStateModePathsAndCounters() {
    JsonNode env = jlist(List.of(new AppInstances(Samples.SPEC, List.of(Samples.VIEW)))).get(0).path("pm2_env");

    assertThat(env.path("status").asString()).isEqualTo("online");
    assertThat(env.path("exec_mode").asString()).isEqualTo("cluster_mode");
    assertThat(env.path("namespace").asString()).isEqualTo("shop");
    assertThat(env.path("pm_id").asInt()).isEqualTo(12);
    assertThat(env.path("restart_time").asInt()).isEqualTo(5);
    assertThat(env.path("unstable_restarts").asInt()).isEqualTo(2);
    assertThat(env.path("pm_uptime").asLong()).isEqualTo(1_795_000_009_000L);
    assertThat(env.path("instances").asInt()).isEqualTo(3);
    assertThat(env.path("MY_INSTANCE").asInt()).isEqualTo(2); // the app's instance_var names the index
    assertThat(env.path("exit_code").asInt()).isEqualTo(137);
    assertThat(env.path("pm_exec_path").asString()).isEqualTo("server.js");
    assertThat(env.path("pm_cwd").asString()).isEqualTo("/srv/api");
    assertThat(env.path("exec_interpreter").asString()).isEqualTo("node");
    assertThat(env.path("pm_out_log_path").asString()).isEqualTo("/var/log/api-out.log");
    assertThat(env.path("pm_err_log_path").asString()).isEqualTo("/var/log/api-err.log");
    assertThat(env.path("env").path("A").asString()).isEqualTo("1");
    assertThat(env.path("cron_restart").asString()).isEqualTo("0 3 * * *");
    assertThat(env.path("jpm_id").asString()).isEqualTo("api#2");
  }

  @Test
  void aStoppedInstanceHasZerosWherePm2HasThemAndNullsWhereItHasNone() {
    InstanceView stopped = Samples.BARE_VIEW;
    JsonNode entry = jlist(List.of(new AppInstances(Samples.SPEC, List.of(stopped)))).get(0);

    assertThat(entry.path("pid").asLong()).isZero();
    assertThat(entry.path("monit").path("memory").asLong()).isZero();
    assertThat(entry.path("monit").path("cpu").isNumber()).isTrue();
    assertThat(entry.path("pm2_env").path("status").asString()).isEqualTo("stopped");
    assertThat(entry.path("pm2_env").path("pm_uptime").asLong()).isZero();
    assertThat(entry.path("pm2_env").path("exit_code").isNull()).isTrue();
    assertThat(entry.path("pm2_env").path("exec_mode").asString()).isEqualTo("fork_mode");
  }

  @Test
  void everyInstanceOfEveryAppInTheOrderGiven() {
    JsonNode list = jlist(List.of(new AppInstances(Samples.SPEC, List.of(Samples.VIEW, Samples.BARE_VIEW)),
        new AppInstances(Samples.SPEC, List.of())));

    assertThat(list).hasSize(2);
    assertThat(list.get(1).path("name").asString()).isEqualTo("w");
    assertThat(dev.jpm.engine.protocol.Wire.CODEC.toJson(Pm2Processes.of(List.of()))).isEqualTo("[]");
  }

  private static JsonNode jlist(List<AppInstances> apps) {
    String json = dev.jpm.engine.protocol.Wire.CODEC.toJson(Pm2Processes.of(apps));
    assertThat(json).doesNotContain("\n"); // one line, as JSON.stringify writes it
    return JsonMapper.shared().readTree(json);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
