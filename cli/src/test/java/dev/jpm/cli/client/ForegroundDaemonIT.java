package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.config.AppSpecs;
import dev.jpm.engine.home.HandOverNote;
import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.os.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon as {@code jpm startup}'s unit runs it ({@code JpmDaemon --foreground} with the launcher's flags, under
 * a {@code NOTIFY_SOCKET}): it says READY=1 once its socket answers, and a SIGTERM from the service manager stops its
 * apps with their own stop signal, keeping them in the table, so the next start (the next boot) brings them back.
 */
class ForegroundDaemonIT {

  private Path dir;
  private final List<Process> daemons = new ArrayList<>();
  /** What outlives the daemon that started it (jpm update under the service): not our children, ended by pid. */
  private final List<Long> endByPid = new ArrayList<>();

  @AfterEach
  void cleanUp() throws IOException {
    for (Process daemon : daemons) {
      daemon.descendants().forEach(ProcessHandle::destroyForcibly);
      daemon.destroyForcibly();
    }
    for (long pid : endByPid) {
      ProcessHandle.of(pid).ifPresent(successor -> {
        successor.descendants().forEach(ProcessHandle::destroyForcibly);
        successor.destroyForcibly();
      });
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private Process startDaemon(JpmHome home, NotifySocket notify) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(daemonCommand()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("journal.log").toFile()));
    builder.environment().put("JPM_HOME", home.dir().toString());
    builder.environment().put("NOTIFY_SOCKET", notify.path.toString());
    // What the jpm launcher sets for `jpm daemon --foreground`: a launcher that starts the next daemon.
    builder.environment().put("JPM_LAUNCHER", launcher().toString());
    Process daemon = builder.start();
    daemons.add(daemon);
    return daemon;
  }

  private static List<String> daemonCommand() {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
    command.addAll(DaemonLauncher.jvmFlags());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DaemonLauncher.MAIN_CLASS, "--foreground"));
    return command;
  }

  /** The launcher's foreground path in small: `LAUNCHER daemon --foreground` execs the daemon's JVM. */
  private Path launcher() throws IOException {
    Path launcher = dir.resolve("jpm-launcher");
    if (Files.exists(launcher)) return launcher;
    StringBuilder exec = new StringBuilder("exec");
    daemonCommand().forEach(word -> exec.append(" '").append(word.replace("'", "'\\''")).append('\''));
    Files.writeString(launcher, "#!/usr/bin/env bash\n[ \"$*\" = 'daemon --foreground' ] || exit 64\n" + exec + "\n");
    launcher.toFile().setExecutable(true);
    return launcher;
  }

  @Test
  void updateUnderTheServiceStartsTheSuccessorInsideItAsItsMainProcessAndNoCommandRacesIt() throws Exception {
    dir = Files.createTempDirectory("jpm-foreground");
    JpmHome home = new JpmHome(dir.resolve("home"));
    Path script = Files.writeString(dir.resolve("app.sh"), """
        #!/usr/bin/env bash
        while true; do sleep 1 & wait $!; done
        """);
    script.toFile().setExecutable(true);
    try (NotifySocket notify = new NotifySocket(dir.resolve("notify.sock"))) {
      Process daemon = startDaemon(home, notify);
      assertThat(notify.receive()).isEqualTo("READY=1");
      long appPid = startApp(home, script, List.of());

      send(home, new Request.Update());
      await().atMost(Duration.ofSeconds(30)).until(() -> HandOverNote.read(home).isPresent());
      // What `jpm update` does next; a command that started a daemon of its own here would race the successor.
      Response pong = new DaemonClient(home).send(new Request.Ping(), line -> {});

      String mainPid = notify.receive();
      assertThat(mainPid).startsWith("MAINPID=");
      long successor = Long.parseLong(mainPid.substring("MAINPID=".length()));
      endByPid.add(successor);
      endByPid.add(appPid);
      assertThat(notify.receive()).as("the successor, now the unit's main process, says it is ready")
          .isEqualTo("READY=1");
      assertThat(((Response.Pong) pong).pid()).as("the daemon that answered is the unit's").isEqualTo(successor);
      await().atMost(Duration.ofSeconds(60)).until(() -> !daemon.isAlive());
      assertThat(table(home).getFirst().pid()).as("adopted, not restarted").isEqualTo(appPid);
      assertThat(Liveness.isRunning(appPid)).isTrue();
      assertThat(Files.readString(home.daemonPid()).strip()).isEqualTo(Long.toString(successor));
    }
  }

  @Test
  void readyOnlyWhenServingAndASigtermStopsTheAppsWhichTheNextStartBringsBack() throws Exception {
    dir = Files.createTempDirectory("jpm-foreground");
    JpmHome home = new JpmHome(dir.resolve("home"));
    Path marker = dir.resolve("stopped-by");
    Path script = Files.writeString(dir.resolve("app.sh"), """
        #!/usr/bin/env bash
        trap 'echo "$1" > %s; exit 0' INT
        while true; do sleep 1 & wait $!; done
        """.formatted(marker));
    script.toFile().setExecutable(true);
    try (NotifySocket notify = new NotifySocket(dir.resolve("notify.sock"))) {
      Process daemon = startDaemon(home, notify);
      assertThat(notify.receive()).isEqualTo("READY=1");
      // READY=1 came after the socket answered: these requests find it serving (sendIfRunning starts none).
      long appPid = startApp(home, script, List.of("sigint"));

      daemon.toHandle().destroy(); // SIGTERM, as systemctl stop (KillMode=mixed) sends it
      assertThat(notify.receive()).isEqualTo("STOPPING=1");
      await().atMost(Duration.ofSeconds(30)).until(() -> !daemon.isAlive());
      assertThat(Liveness.isRunning(appPid)).isFalse();
      assertThat(Files.readString(marker).strip()).as("stopped with its own stop signal").isEqualTo("sigint");

      startDaemon(home, notify);
      assertThat(notify.receive()).isEqualTo("READY=1");
      await().atMost(Duration.ofSeconds(30)).until(() -> table(home).getFirst().status().equals("online"));
      assertThat(table(home).getFirst().pid()).isNotEqualTo(appPid);
    }
  }

  /** Starts {@code script} as the app {@code svc} (as {@code jpm start SCRIPT --name svc -- ARGS}); its pid. */
  private long startApp(JpmHome home, Path script, List<String> args) throws IOException {
    var app = new AppSpecs(home.dir(), 2).fromCommandLine(script.toString(), Map.of("name", "svc"), args, dir)
        .desired().apps().getFirst();
    send(home, new Request.StartScript(app));
    return table(home).getFirst().pid();
  }

  private static List<dev.jpm.engine.protocol.InstanceView> table(JpmHome home) throws IOException {
    return ((Response.Table) send(home, new Request.List())).instances();
  }

  private static Response send(JpmHome home, Request request) throws IOException {
    Response response = new DaemonClient(home).sendIfRunning(request, line -> {});
    assertThat(response).as("the foreground daemon answers").isNotNull();
    return response;
  }
}
