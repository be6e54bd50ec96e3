package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PM2's verbs and output shapes against a real daemon: jlist read by Node as PM2 tools read it, prettylist, desc,
 * env, id, pid, reset, sendSignal, startOrRestart and restart of a file, ls --sort, logs --raw and --format, link.
 */
class Pm2VerbsIT {

  /** A sleeper that says so when it gets SIGUSR2. */
  static final String SIGNALLED = """
      #!/usr/bin/env bash
      trap 'echo "got USR2 $JPM_APP#$NODE_APP_INSTANCE"' USR2
      trap 'exit 0' INT TERM
      echo "started $JPM_APP#$NODE_APP_INSTANCE greeting=$GREETING"
      while true; do sleep 1 & wait $!; done
      """;

  /** What a PM2 tool does with {@code pm2 jlist}: parse it and read the fields it always finds. */
  static final String NODE_READER = """
      let text = '';
      process.stdin.on('data', chunk => text += chunk).on('end', () => {
        const list = JSON.parse(text);
        console.log(JSON.stringify(list.map(p => [p.name, p.pm_id, p.pm2_env.status, p.monit.memory, p.pid,
          p.pm2_env.exec_mode, p.pm2_env.NODE_APP_INSTANCE, p.pm2_env.restart_time, typeof p.pm2_env.pm_uptime,
          p.pm2_env.namespace, p.pm2_env.pm_out_log_path, p.pm2_env.instances, typeof p.monit.cpu])));
      });
      """;

  @RegisterExtension final JpmHarness jpm = new JpmHarness();
  Path file;

  @BeforeEach
  void start() throws IOException {
    jpm.write("signalled.sh", SIGNALLED);
    file = jpm.write("ecosystem.yaml", web("one"));
    jpm.run("apply", file.toString()).expectExit(0);
  }

  private static String web(String greeting) {
    return """
        apps:
          - name: web
            script: signalled.sh
            instances: 2
            min_uptime: 300ms
            env:
              GREETING: %s
        """.formatted(greeting);
  }

  @Test
  void jlistIsReadByNodeTheWayPm2ToolsReadIt() throws Exception {
    // Memory comes with the first sample (every 2 s): wait for it, as a tool polling jlist would see it.
    await().atMost(Duration.ofSeconds(20)).until(() -> node(jpm.run("jlist").expectExit(0).out()).get(0).get(3).asLong() > 0);

    JsonNode read = node(jpm.run("jlist").expectExit(0).out());

    assertThat(read).hasSize(2);
    for (int index = 0; index < 2; index++) {
      JsonNode p = read.get(index);
      JsonNode row = jpm.instance("web#" + index);
      assertThat(p.get(0).asString()).isEqualTo("web");
      assertThat(p.get(1).asInt()).isEqualTo(row.path("pm_id").asInt());
      assertThat(p.get(2).asString()).isEqualTo("online");
      assertThat(p.get(4).asLong()).isEqualTo(row.path("pid").asLong());
      assertThat(p.get(5).asString()).isEqualTo("fork_mode");
      assertThat(p.get(6).asInt()).isEqualTo(index);
      assertThat(p.get(7).asInt()).isZero();
      assertThat(p.get(8).asString()).isEqualTo("number");
      assertThat(p.get(9).asString()).isEqualTo("default");
      assertThat(p.get(10).asString()).isEqualTo(row.path("out_log").asString());
      assertThat(p.get(11).asInt()).isEqualTo(2);
      assertThat(p.get(12).asString()).isEqualTo("number");
    }
    assertThat(read.get(0).get(3).asLong()).isPositive();
  }

  @Test
  void prettylistDescIdAndPidPrintWhatPm2Prints() {
    int pmId = jpm.instance("web#1").path("pm_id").asInt();
    long pid0 = jpm.pid("web#0");
    long pid1 = jpm.pid("web#1");

    String pretty = jpm.run("prettylist").expectExit(0).out();
    assertThat(pretty).startsWith("[\n  {\n").contains("name: 'web'", "pm_id: " + pmId, "status: 'online'",
        "exec_mode: 'fork_mode'", "env: { GREETING: 'one' }");

    assertThat(jpm.run("desc", Integer.toString(pmId)).expectExit(0).out()).contains("web#0", "web#1");
    assertThat(jpm.run("id", "web").expectExit(0).out())
        .isEqualTo("[ " + jpm.instance("web#0").path("pm_id").asInt() + ", " + pmId + " ]\n");
    assertThat(jpm.run("pid", "web").expectExit(0).out()).isEqualTo(pid0 + "\n" + pid1 + "\n");

    jpm.run("stop", "web#0").expectExit(0);
    assertThat(jpm.run("pid", "web").expectExit(0).out()).isEqualTo(pid1 + "\n"); // never a 0 to kill
  }

  @Test
  void envPrintsTheEnvironmentTheProcessWasStartedWith() {
    String pmId = jpm.instance("web#1").path("pm_id").asText();

    String env = jpm.run("env", pmId).expectExit(0).out();

    assertThat(env.lines()).contains("GREETING: one", "NODE_APP_INSTANCE: 1");
    assertThat(env.lines().sorted().toList()).isEqualTo(env.lines().toList());
    assertThat(jpm.run("env", "web").expectExit(2).err()).contains("env takes one instance; 'web' matches 2");
  }

  @Test
  void resetSetsTheRestartCountersBackToZeroAndTouchesNoProcess() {
    jpm.run("restart", "web").expectExit(0);
    long pid = jpm.pid("web#0");
    assertThat(jpm.instance("web#0").path("restarts").asInt()).isEqualTo(1);

    jpm.run("reset", "all").expectExit(0);

    assertThat(jpm.instance("web#0").path("restarts").asInt()).isZero();
    assertThat(jpm.instance("web#1").path("restarts").asInt()).isZero();
    assertThat(jpm.pid("web#0")).isEqualTo(pid);
  }

  @Test
  void sendSignalReachesTheNamedProcessesAndSaysWhichDoNotRun() {
    String pmId = jpm.instance("web#0").path("pm_id").asText();

    JpmHarness.Result sent = jpm.run("sendSignal", "SIGUSR2", pmId).expectExit(0);

    assertThat(sent.out()).contains("sent SIGUSR2 to web#0");
    await().atMost(Duration.ofSeconds(10)).until(() ->
        jpm.run("logs", "web", "--nostream", "--raw").out().contains("got USR2 web#0"));
    assertThat(jpm.run("logs", "web", "--nostream", "--raw").out()).doesNotContain("got USR2 web#1");

    jpm.run("stop", "web#1").expectExit(0);
    JpmHarness.Result partly = jpm.run("sendSignal", "usr2", "web").expectExit(1);
    assertThat(partly.err()).contains("web#1 is not running");
    assertThat(jpm.run("sendSignal", "SIGNOPE", "web").expectExit(2).err()).contains("unknown signal 'SIGNOPE'");
  }

  @Test
  void startOrRestartReplacesWhatRunsWithTheFilesSettingsStartsTheRestAndDeletesNothing() throws IOException {
    Path other = jpm.write("other.yaml", "apps:\n  - name: solo\n    script: signalled.sh\n    min_uptime: 300ms\n");
    jpm.run("apply", other.toString()).expectExit(0);
    long solo = jpm.pid("solo#0");
    jpm.write("ecosystem.yaml", web("two") + """
          - name: extra
            script: signalled.sh
            min_uptime: 300ms
        """);

    jpm.run("startOrRestart", file.toString()).expectExit(0);

    assertThat(jpm.status("extra#0")).isEqualTo("online");
    assertThat(jpm.instance("web#0").path("restarts").asInt()).isEqualTo(1);
    assertThat(jpm.run("env", "web#1").expectExit(0).out()).contains("GREETING: two");
    assertThat(jpm.pid("solo#0")).isEqualTo(solo);

    jpm.run("restart", file.toString(), "--only", "extra").expectExit(0); // PM2's restart FILE
    assertThat(jpm.instance("extra#0").path("restarts").asInt()).isEqualTo(1);
    assertThat(jpm.instance("web#0").path("restarts").asInt()).isEqualTo(1);

    jpm.run("startOrGracefulReload", file.toString()).expectExit(0);
    assertThat(jpm.instance("web#0").path("restarts").asInt()).isEqualTo(2);
    assertThat(jpm.instance("web#1").path("pm_id").asInt()).isEqualTo(1);
  }

  @Test
  void lsSortsByWhatItIsAsked() throws IOException {
    Path other = jpm.write("other.yaml", "apps:\n  - name: alpha\n    script: signalled.sh\n    min_uptime: 300ms\n");
    jpm.run("apply", other.toString()).expectExit(0);

    assertThat(ids(jpm.run("ls", "--sort", "name", "--json").expectExit(0).out()))
        .containsExactly("alpha#0", "web#0", "web#1");
    assertThat(ids(jpm.run("ls", "--sort", "id:desc", "--json").expectExit(0).out()))
        .containsExactly("alpha#0", "web#1", "web#0");
    assertThat(jpm.run("ls", "--sort", "colour").expectExit(2).err()).contains("cannot sort by 'colour'", "memory");
  }

  @Test
  void logsRawAndFormatPrintPm2sShapes() {
    String pmId = jpm.instance("web#1").path("pm_id").asText();

    String raw = jpm.run("logs", "web#1", "--raw", "--nostream").expectExit(0).out();
    String formatted = jpm.run("logs", "web#1", "--format", "--nostream").expectExit(0).out();

    assertThat(raw.lines()).contains("started web#1 greeting=one").allSatisfy(line -> assertThat(line).doesNotContain(" | "));
    assertThat(formatted.lines()).contains("app=web id=" + pmId + " type=out message=started web#1 greeting=one");
    assertThat(jpm.run("logs", "--raw", "--format").expectExit(2).err()).contains("exclude each other");
  }

  @Test
  void linkDeleteSaysThereIsNoPm2IoLinkAndSucceeds() {
    assertThat(jpm.run("link", "delete").expectExit(0).out()).contains("PM2.io linking does not exist in jpm");
  }

  private static List<String> ids(String json) {
    List<String> ids = new ArrayList<>();
    JsonMapper.shared().readTree(json).forEach(row -> ids.add(row.path("id").asString()));
    return ids;
  }

  /** Runs the Node reader on {@code jlist}'s output; what it printed, parsed. */
  private static JsonNode node(String jlist) throws IOException, InterruptedException {
    Process node = new ProcessBuilder("node", "-e", NODE_READER).redirectErrorStream(true).start();
    try {
      try (OutputStream in = node.getOutputStream()) {
        in.write(jlist.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(node.exitValue()).as("node said: %s", out).isZero();
      return JsonMapper.shared().readTree(out);
    } finally {
      node.destroyForcibly(); // only if it is still running: it is ours
    }
  }
}
