package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The daemon reads ecosystem files with a config stack (YAML, JSON trees, schema validation) that it loads for the
 * request and unloads when idle. Read from the JVM's class-loading log of a real daemon: every schema-validator
 * and YAML class it loaded is unloaded again, and the next file loads them afresh.
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

  @RegisterExtension final ClassLoggingDaemon daemon = new ClassLoggingDaemon("class+load=info,class+unload=info");

  @Test
  void theConfigStackIsUnloadedWhenIdleAndLoadedAgainForTheNextFile() throws IOException {
    DaemonClient client = daemon.client("-Djpm.config.idle_ms=300");
    Path classLog = daemon.classLog();
    Path file = daemon.dir().resolve("apps.yaml");
    String yaml = """
        apps:
          - name: idle
            script: sleep
            args: ["300"]
        """;
    Files.writeString(file, yaml);
    Request.Plan diff = new Request.Plan(new Request.Ecosystem(file.toString(), yaml, null, Map.of()), false,
        List.of());

    assertThat(client.send(diff, line -> {})).isInstanceOf(Response.Planned.class);
    await().atMost(UNLOAD).until(() -> unloaded(classLog) > 0 && unloaded(classLog) == loaded(classLog));
    long firstLoad = loaded(classLog);

    assertThat(client.send(diff, line -> {})).isInstanceOf(Response.Planned.class);
    // Had anything kept the first copy, the second file would use it and load no validator class again.
    await().atMost(Duration.ofSeconds(30)).until(() -> loaded(classLog) > firstLoad);
    await().atMost(UNLOAD).until(() -> unloaded(classLog) == loaded(classLog));

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
