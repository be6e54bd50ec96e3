package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jpm.engine.examples.ExamplesTest;
import dev.jpm.engine.os.Users;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code jpm export} through the real CLI on the repository's ecosystems and on files written here: Kubernetes
 * manifests read by the official Kubernetes model, systemd units verified by {@code systemd-analyze}, the output and
 * fidelity report of each shipped ecosystem kept as a golden file ({@code -Djpm.goldens.update=true} rewrites them).
 */
class ExportIT {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path GOLDENS = Path.of("src/test/resources/export").toAbsolutePath();
  static final String IMAGES = "java=eclipse-temurin:21-jre,bash=debian:bookworm-slim";

  /** The start of a file whose first app is a cron one-shot of two instances, its cron with jpm's seconds field. */
  static final String NIGHTLY_REPORT = """
      apps:
        - name: Nightly_Report
          script: %1$s
          autostart: false
          cron_restart: "0 30 2 * * 1-5"
          instances: 2
      """;

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  static Stream<Path> ecosystems() throws IOException {
    return ExamplesTest.ecosystems();
  }

  @ParameterizedTest
  @MethodSource("ecosystems")
  void everyShippedEcosystemIsAKubernetesStreamTheModelReads(Path file) throws IOException {
    JpmHarness.Result export = jpm.run("export", file.toString(), "--to", "kubernetes", "--image", IMAGES)
        .expectExit(0);

    KubernetesManifests manifests = KubernetesManifests.read(export.out());
    assertThat(manifests.deployments.size() + manifests.cronJobs.size()).isPositive();
    manifests.checkConsistency();
    assertGolden(file, "kubernetes", export);
  }

  @ParameterizedTest
  @MethodSource("ecosystems")
  void everyShippedEcosystemIsSystemdUnitsThatVerify(Path file) throws Exception {
    Path units = jpm.work.resolve("units");
    jpm.run("export", file.toString(), "--to", "systemd", "-o", units.toString()).expectExit(0);

    try (Stream<Path> written = Files.list(units)) {
      List<Path> files = written.sorted().toList();
      assertThat(files).isNotEmpty();
      for (Path unit : files) assertThat(systemd("verify", unit.toString())).as(unit.toString()).isEmpty();
    }
    assertGolden(file, "systemd", jpm.run("export", file.toString(), "--to", "systemd").expectExit(0));
  }

  @ParameterizedTest
  @MethodSource("ecosystems")
  void everyShippedEcosystemIsNomadJobsTheModelReads(Path file) throws IOException {
    JpmHarness.Result export = jpm.run("export", file.toString(), "--to", "nomad").expectExit(0);

    NomadJobs jobs = NomadJobs.read(export.out());
    assertThat(jobs.groups()).isNotEmpty();
    jobs.checkConsistency();
    assertGolden(file, "nomad", export);
  }

  @Test
  void nomadGetsAServiceJobPerNamespaceAndAPeriodicBatchJobPerCronOneShot() throws IOException {
    Path file = jpm.write("scheduled.yaml", (NIGHTLY_REPORT + """
          - name: web
            script: %1$s
            image: debian:bookworm-slim
            port: 18095
            instances: 3
            kill_timeout: 7s
            max_memory_restart: 100M
            health_check: {type: http, path: /ready, port: 18096, restart_after: 3}
            depends_on: [{app: db, condition: ready}]
          - name: db
            script: %1$s
            port: 15432
            stop_signal: SIGTERM
            max_restarts: 4
            restart_delay: 2s
            max_memory_restart: 64M
        """).formatted(REPO.resolve("examples/worker/worker.sh")));
    Path out = jpm.work.resolve("jobs");

    JpmHarness.Result export = jpm.run("export", file.toString(), "--to", "nomad", "-o", out.toString())
        .expectExit(0);

    try (Stream<Path> written = Files.list(out)) {
      assertThat(written.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("Nightly_Report.nomad.json", "default.nomad.json");
    }
    NomadJobs cron = NomadJobs.read(Files.readString(out.resolve("Nightly_Report.nomad.json")));
    NomadJobs service = NomadJobs.read(Files.readString(out.resolve("default.nomad.json")));
    cron.checkConsistency();
    service.checkConsistency();
    assertThat(cron.jobs).singleElement().satisfies(job -> {
      assertThat(job.getType()).isEqualTo("batch");
      assertThat(job.getPeriodic().getSpec()).isEqualTo("30 2 * * 1-5");
      assertThat(job.getTaskGroups().getFirst().getCount()).isEqualTo(2);
    });
    var web = service.group("web");
    assertThat(web.getCount()).isEqualTo(3);
    var task = web.getTasks().getFirst();
    assertThat(task.getDriver()).isEqualTo("docker");
    assertThat(task.getConfig()).containsEntry("image", "debian:bookworm-slim")
        .containsEntry("work_dir", jpm.work.toString());
    assertThat(task.getKillTimeout()).isEqualTo(7_000_000_000L);
    assertThat(task.getKillSignal()).isEqualTo("SIGINT");
    assertThat(task.getResources().getMemoryMb()).isEqualTo(100);
    assertThat(task.getEnv()).containsEntry("NODE_APP_INSTANCE", "${NOMAD_ALLOC_INDEX}")
        .containsEntry("PORT", "18095");
    var check = web.getServices().getFirst().getChecks().getFirst();
    assertThat(check.getType()).isEqualTo("http");
    assertThat(check.getPath()).isEqualTo("/ready");
    assertThat(check.getPortLabel()).isEqualTo("health");
    assertThat(check.getCheckRestart().getLimit()).isEqualTo(3);
    var db = service.group("db");
    assertThat(db.getTasks().getFirst().getDriver()).isEqualTo("raw_exec");
    assertThat(db.getTasks().getFirst().getConfig()).containsEntry("command", "/bin/sh");
    assertThat(db.getTasks().getFirst().getKillSignal()).isEqualTo("SIGTERM");
    assertThat(db.getRestartPolicy().getAttempts()).isEqualTo(4);
    assertThat(db.getRestartPolicy().getDelay()).isEqualTo(2_000_000_000L);
    assertThat(db.getRestartPolicy().getMode()).isEqualTo("fail");
    assertThat(db.getServices().getFirst().getChecks().getFirst().getType()).isEqualTo("tcp");
    assertThat(export.err()).contains("web.depends_on.db: not awaited",
        "Nightly_Report.cron_restart: the seconds field (0) is dropped",
        "db.max_memory_restart").doesNotContain("web.max_memory_restart");
  }

  @Test
  void moreThanAHandfulOfVariablesBecomeAConfigMapAndSecretsStayOutOfTheManifests() throws IOException {
    Path file = jpm.write("eco.yaml", """
        apps:
          - name: api
            script: %1$s
            image: debian:bookworm-slim
            port: 18097
            env: {A: "1", B: "2", C: "3", D: "4", E: "5", F: "6", DB_PASSWORD: hunter2}
            secret_env: [DB_PASSWORD]
          - name: few
            script: %1$s
            image: debian:bookworm-slim
            env: {A: "1", B: "2", C: "3", D: "4", E: "5", TOKEN: s3cr3t}
            secret_env: [TOKEN]
        """.formatted(REPO.resolve("examples/worker/worker.sh")));

    JpmHarness.Result export = jpm.run("export", file.toString(), "--to", "kubernetes").expectExit(0);

    KubernetesManifests manifests = KubernetesManifests.read(export.out());
    manifests.checkConsistency();
    assertThat(export.out()).doesNotContain("hunter2", "s3cr3t");
    assertThat(manifests.configMaps).singleElement().satisfies(map -> {
      assertThat(map.getMetadata().getName()).isEqualTo("api-env");
      assertThat(map.getData()).containsOnlyKeys("A", "B", "C", "D", "E", "F");
    });
    var api = manifests.deployments.getFirst().getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(api.getEnvFrom()).singleElement()
        .satisfies(from -> assertThat(from.getConfigMapRef().getName()).isEqualTo("api-env"));
    assertThat(api.getEnv()).extracting(e -> e.getName()).containsExactly("JPM_APP", "NODE_APP_INSTANCE", "PORT",
        "DB_PASSWORD");
    assertThat(api.getEnv().getLast().getValueFrom().getSecretKeyRef().getName()).isEqualTo("api-secrets");
    var few = manifests.deployments.getLast().getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(few.getEnvFrom()).isNullOrEmpty();
    assertThat(few.getEnv()).extracting(e -> e.getName()).contains("A", "E", "TOKEN");
    assertThat(export.err()).contains("api.env.DB_PASSWORD: secret_env: its value is left out of the manifests;"
        + " create it with kubectl create secret generic api-secrets --from-literal=DB_PASSWORD=VALUE",
        "few.env.TOKEN: secret_env");
  }

  @Test
  void nomadsModelRefusesAFieldNomadDoesNotKnow() {
    String job = "{\"Job\": {\"ID\": \"x\", \"TaskGroups\": [{\"Name\": \"web\", \"Colour\": \"red\"}]}}";

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NomadJobs.read(job)).hasMessageContaining("Colour");
  }

  @Test
  void cronAppsBecomeACronJobAndTimersWhoseCalendarsSystemdReads() throws Exception {
    Path file = jpm.write("scheduled.yaml", (NIGHTLY_REPORT + """
          - name: web
            script: %1$s
            port: 18095
            cron_restart: "0 4 1,15 * MON"
            health_check: {type: http, path: /ready, port: 18096, restart_after: 3}
            depends_on: [{app: db, condition: ready}]
          - name: db
            script: %1$s
            port: 15432
        """).formatted(REPO.resolve("examples/worker/worker.sh")));

    JpmHarness.Result kubernetes = jpm.run("export", file.toString(), "--to", "kubernetes", "--image", IMAGES)
        .expectExit(0);
    KubernetesManifests manifests = KubernetesManifests.read(kubernetes.out());
    manifests.checkConsistency();
    assertThat(manifests.cronJobs).singleElement().satisfies(job -> {
      assertThat(job.getMetadata().getName()).isEqualTo("nightly-report");
      assertThat(job.getSpec().getSchedule()).isEqualTo("30 2 * * 1-5");
      assertThat(job.getSpec().getJobTemplate().getSpec().getParallelism()).isEqualTo(2);
    });
    var web = manifests.deployments.stream().filter(d -> d.getMetadata().getName().equals("web")).findFirst()
        .orElseThrow().getSpec().getTemplate().getSpec();
    assertThat(web.getInitContainers()).singleElement().satisfies(wait -> assertThat(wait.getCommand())
        .containsExactly("sh", "-c", "until nc -z db 15432 2>/dev/null || bash -c '</dev/tcp/db/15432' 2>/dev/null;"
            + " do echo waiting for db:15432; sleep 1; done"));
    assertThat(web.getContainers().getFirst().getLivenessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(manifests.services).extracting(s -> s.getMetadata().getName()).containsExactly("web", "db");
    assertThat(kubernetes.err()).contains("Nightly_Report.cron_restart: the seconds field (0) is dropped",
        "Nightly_Report.name: named nightly-report", "web.cron_restart: no periodic restart");

    Path units = jpm.work.resolve("units");
    JpmHarness.Result systemd = jpm.run("export", file.toString(), "--to", "systemd", "-o", units.toString())
        .expectExit(0);
    try (Stream<Path> written = Files.list(units)) {
      for (Path unit : written.toList()) assertThat(systemd("verify", unit.toString())).as(unit.toString()).isEmpty();
    }
    assertThat(Files.readString(units.resolve("jpm-Nightly_Report-cron.service")))
        .contains("ExecStart=systemctl restart jpm-Nightly_Report@0.service jpm-Nightly_Report@1.service");
    String webTimer = Files.readString(units.resolve("jpm-web-cron.timer"));
    List<String> calendars = Pattern.compile("OnCalendar=(.*)").matcher(webTimer).results().map(m -> m.group(1))
        .toList();
    // Cron's "day 1 or 15, or a Monday": two calendars, since one needs both to match.
    assertThat(calendars).containsExactly("*-*-01,15 04:00:00", "Mon *-*-* 04:00:00");
    for (String calendar : calendars) assertThat(systemd("calendar", calendar)).isEmpty();
    assertThat(Files.readString(units.resolve("jpm-web.service")))
        .contains("After=jpm-db.service", "Requires=jpm-db.service");
    assertThat(systemd.err()).contains("web.health_check: not checked", "web.depends_on.db: started after db");
  }

  @Test
  void theUserAnAppRunsAsBecomesUserAndGroupInItsUnitAndAReportLineForKubernetes() throws Exception {
    assumeTrue(Users.effectiveUid() == 0, "naming another user is refused unless the daemon runs as root");
    assumeTrue(Users.user("www-data").isPresent(), "Debian's www-data user");
    Path file = jpm.write("eco.yaml", """
        apps:
          - name: api
            script: "sleep 600"
            image: debian:bookworm-slim
            uid: www-data
            gid: www-data
        """);
    Path units = jpm.work.resolve("units");

    jpm.run("export", file.toString(), "--to", "systemd", "-o", units.toString()).expectExit(0);
    JpmHarness.Result kubernetes = jpm.run("export", file.toString(), "--to", "kubernetes", "--image", IMAGES)
        .expectExit(0);

    assertThat(Files.readString(units.resolve("jpm-api.service"))).contains("User=www-data", "Group=www-data");
    assertThat(systemd("verify", units.resolve("jpm-api.service").toString())).isEmpty();
    assertThat(kubernetes.err()).contains("api.uid: the container runs as its image's user");
  }

  @Test
  void everyTargetReportsThatItCannotHandAnInheritedSocketToTheInstances() throws IOException {
    Path file = jpm.write("eco.yaml", """
        apps:
          - name: api
            script: %s
            image: debian:bookworm-slim
            exec_mode: cluster
            instances: 2
            port: 8080
            socket_activation: true
        """.formatted(REPO.resolve("examples/worker/worker.sh")));

    for (String target : List.of("systemd", "kubernetes", "nomad"))
      assertThat(jpm.run("export", file.toString(), "--to", target).expectExit(0).err()).as(target)
          .contains("api.socket_activation: ").contains("bind PORT itself");
  }

  @Test
  void anAppWithoutAnImageIsALocatedErrorAndNothingIsPrinted() throws IOException {
    Path file = jpm.write("eco.yaml", """
        apps:
          - name: api
            script: %s
        """.formatted(REPO.resolve("examples/worker/worker.sh")));

    JpmHarness.Result export = jpm.run("export", file.toString(), "--to", "kubernetes").expectExit(3);

    assertThat(export.out()).isEmpty();
    assertThat(export.err()).contains(file + ":2:5: app \"api\": image: no container image to run it in: add"
        + " image: IMAGE to the app, or give jpm export --image bash=IMAGE");
    assertThat(jpm.run("export", file.toString(), "--to", "kubernetes", "--image", "bash=debian:bookworm-slim")
        .expectExit(0).out()).contains("image: debian:bookworm-slim");
  }

  @Test
  void anInvalidFileIsRefusedAsApplyRefusesItWithNoDaemon() throws IOException {
    Path file = jpm.write("eco.yaml", "apps:\n  - name: api\n    script: nope.sh\n    instancs: 2\n");

    JpmHarness.Result export = jpm.run("export", file.toString(), "--to", "systemd").expectExit(3);

    assertThat(export.err()).contains(file + ":4:5: app \"api\": unknown key 'instancs'; did you mean instances?")
        .contains(file + ":3:13: app \"api\": script: not found");
    assertThat(export.out()).isEmpty();
    assertThat(jpm.daemonPid()).isEmpty();
  }

  @Test
  void strictRefusesALossyExportAndTheReportIsJson() throws IOException {
    Path file = REPO.resolve("examples/workers.yaml");
    Path report = jpm.work.resolve("report.json");

    JpmHarness.Result strict = jpm.run("export", file.toString(), "--to", "kubernetes", "--image", IMAGES,
        "--strict", "--report", report.toString()).expectExit(3);

    assertThat(strict.out()).isEmpty();
    assertThat(strict.err()).contains("jobs.restart_delay: the kubelet's back-off instead",
        "error: --strict: 4 settings cannot be expressed for kubernetes; nothing was written");
    JsonNode json = JsonMapper.shared().readTree(report.toFile());
    assertThat(json.path("target").asString()).isEqualTo("kubernetes");
    assertThat(json.path("losses")).hasSize(4);
    assertThat(json.path("losses").get(0).path("app").asString()).isEqualTo("jobs");
    assertThat(json.path("losses").get(0).path("key").asString()).isNotBlank();
  }

  @Test
  void onlyExportsTheNamedAppsAndAnUnknownNameIsAUsageError() throws IOException {
    Path file = REPO.resolve("examples/depends-on.yaml");

    JpmHarness.Result only = jpm.run("export", file.toString(), "--to", "systemd", "--only", "consumer").expectExit(0);

    assertThat(only.out()).contains("# jpm-consumer@.service", "Requires=jpm-queue.service")
        .doesNotContain("# jpm-queue.service");
    assertThat(jpm.run("export", file.toString(), "--to", "systemd", "--only", "nope").expectExit(2).err())
        .contains("--only nope: the file has no app named so");
    assertThat(jpm.run("export", file.toString(), "--to", "swarm").expectExit(2).err())
        .contains("--to swarm: jpm exports to kubernetes, nomad or systemd");
  }

  @Test
  void theModelRefusesAFieldKubernetesDoesNotKnow() {
    String manifest = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}], colour: red}\n";

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KubernetesManifests.read(manifest))
        .hasMessageContaining("colour");
  }

  /** stdout, then the report lines on stderr, with the repository's folder spelled $REPO. */
  private static void assertGolden(Path file, String target, JpmHarness.Result export) throws IOException {
    String actual = (export.out() + "#### stderr\n" + export.err()).replace(REPO.toString(), "$REPO");
    Path golden = GOLDENS.resolve(REPO.relativize(file).toString().replace('/', '_') + "." + target + ".txt");
    if (Boolean.getBoolean("jpm.goldens.update")) Files.writeString(golden, actual);
    assertThat(actual).isEqualTo(Files.readString(golden));
  }

  /** What {@code systemd-analyze} printed on stderr (it exits 0 with warnings: the stderr is the verdict). */
  private String systemd(String... args) throws IOException, InterruptedException {
    List<String> command = Stream.concat(Stream.of("systemd-analyze"), Stream.of(args)).toList();
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("exit of %s; stderr: %s", command, stderr).isZero();
    return stderr.strip();
  }
}
