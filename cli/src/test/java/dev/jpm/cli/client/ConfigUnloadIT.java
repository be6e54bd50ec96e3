package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.cli.command.EcosystemFile;
import dev.jpm.engine.config.AppSpecs;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.git.TestRemote;
import dev.jpm.engine.home.JpmHome;
import dev.jpm.engine.protocol.GitOpsSource;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ecosystem files and PM2's one-liners arrive read and normalised by the CLI: the daemon loads no part of the config
 * stack (YAML, JSON trees, schema validation) for them. It does for the files it reads itself (GitOps), in a class
 * loader it drops when idle. Read from the JVM's class-loading log of a real daemon: an apply or a one-liner loads
 * none of those classes; after a GitOps source's file every schema-validator and YAML class it loaded is unloaded
 * again, and the next file loads them afresh.
 */
class ConfigUnloadIT {

  private static final Pattern VALIDATOR = Pattern.compile("com\\.networknt\\.schema\\.[A-Za-z$]+");
  private static final Pattern YAML = Pattern.compile("org\\.snakeyaml\\.engine\\.");
  private static final Pattern DATABIND = Pattern.compile("tools\\.jackson\\.databind\\.");
  private static final Pattern CONFIG = Pattern.compile("dev\\.jpm\\.engine\\.config\\.(EcosystemLoader|SchemaValidator|SourceTree) ");

  /**
   * Usually the first collection after the release unloads the stack (well under a second); a soft reference in a
   * JDK cache can hold it until the release's later collections, 30 s and then 60 s on.
   */
  private static final Duration UNLOAD = Duration.ofSeconds(150);

  private static final String YAML_FILE = """
      apps:
        - name: idle
          script: sleep
          args: ["300"]
      """;

  @RegisterExtension final ClassLoggingDaemon daemon = new ClassLoggingDaemon("class+load=info,class+unload=info");

  @Test
  void anApplyAndAOneLinerLoadNoConfigClassesInTheDaemon() throws IOException {
    DaemonClient client = daemon.client();
    Path file = Files.writeString(daemon.dir().resolve("apps.yaml"), YAML_FILE);
    Path home = daemon.dir().resolve("home");
    LoadResult loaded = EcosystemFile.load(new JpmHome(home), daemon.dir(), file.toString(), null, Map.of());
    LoadResult oneLiner = new AppSpecs(home, 2).fromCommandLine("sleep", Map.of("name", "nap"), List.of("300"), daemon.dir());

    assertThat(client.send(new Request.Apply(loaded.desired(), false, List.of()), line -> {}))
        .isInstanceOf(Response.Applied.class);
    assertThat(client.send(new Request.StartScript(oneLiner.desired().apps().getFirst()), line -> {}))
        .isInstanceOf(Response.Applied.class);
    daemon.kill(client);

    for (Pattern stack : List.of(YAML, DATABIND, CONFIG, VALIDATOR))
      assertThat(count(daemon.classLog(), "[class,load", stack)).as(stack.pattern()).isZero();
  }

  @Test
  void theConfigStackIsUnloadedWhenIdleAndLoadedAgainForTheNextFile(@TempDir Path git) throws Exception {
    DaemonClient client = daemon.client("-Djpm.config.idle_ms=300");
    Path classLog = daemon.classLog();
    try (TestRemote remote = new TestRemote(git)) {
      remote.push("apps", Map.of("deploy/apps.yaml", YAML_FILE));
      GitOpsSource source = new GitOpsSource("unload", remote.url(), TestRemote.BRANCH, "deploy/apps.yaml", null,
          3_600_000, false);

      assertThat(client.send(new Request.GitOpsAdd(source), line -> {})).isNotInstanceOf(Response.Failure.class);
      await().atMost(UNLOAD).until(() -> unloaded(classLog) > 0 && unloaded(classLog) == loaded(classLog));
      long firstLoad = loaded(classLog);

      assertThat(client.send(new Request.GitOpsDiff("unload"), line -> {})).isInstanceOf(Response.Planned.class);
      // Had anything kept the first copy, the second file would use it and load no validator class again.
      await().atMost(Duration.ofSeconds(30)).until(() -> loaded(classLog) > firstLoad);
      await().atMost(UNLOAD).until(() -> unloaded(classLog) == loaded(classLog));
    }

    daemon.kill(client);
    // Nothing of the stack stays loaded, in either loader: YAML, JSON trees, the loader, the validator.
    for (Pattern stack : List.of(YAML, DATABIND, CONFIG, VALIDATOR)) {
      assertThat(count(classLog, "[class,load", stack)).as(stack.pattern()).isPositive()
          .isEqualTo(count(classLog, "[class,unload", stack));
    }
  }

  private static long loaded(Path classLog) throws IOException {
    return count(classLog, "[class,load", VALIDATOR); // the JVM pads the tag once it logged a longer one
  }

  private static long unloaded(Path classLog) throws IOException {
    return count(classLog, "[class,unload", VALIDATOR);
  }

  /** Lines of one tag that name a class {@code classes} matches. */
  private static long count(Path classLog, String tag, Pattern classes) throws IOException {
    try (var lines = Files.lines(classLog)) {
      return lines.filter(line -> line.contains(tag) && classes.matcher(line).find()).count();
    }
  }
}
