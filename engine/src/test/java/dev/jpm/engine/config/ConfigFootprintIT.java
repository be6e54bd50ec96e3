package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading an ecosystem file is most of {@code jpm apply}'s own time, so what it initialises is paid on every apply.
 * Jackson's databind mapper is not needed for it, and building one costs ~25 ms in a fresh JVM (its date format loads
 * the locale's calendar data): read from the class-initialisation log of a real JVM that reads a YAML and a JSON file.
 */
class ConfigFootprintIT {

  /** Run in a JVM of its own: reads each file named and prints how many apps each gave. */
  public static final class Reader {
    public static void main(String[] args) throws Exception {
      EcosystemFiles files = new EcosystemFiles(Path.of(args[0]));
      StringBuilder apps = new StringBuilder();
      for (int i = 1; i < args.length; i++) {
        LoadResult loaded = files.read(Path.of(args[i]), Path.of(args[0]), null, Map.of());
        apps.append(loaded.ok() ? loaded.desired().apps().size() : -1).append(' ');
      }
      System.out.println(apps.toString().strip());
    }
  }

  @Test
  void readingEcosystemFilesBuildsNoDatabindMapper(@TempDir Path dir) throws Exception {
    Path yaml = Files.writeString(dir.resolve("ecosystem.yaml"), """
        apps:
          - name: web
            script: server.js
            args: [--port, "3000"]
            log_type: json
            health_check: { type: http, port: 3000 }
          - name: worker
            script: bash
            args: ['-c', 'sleep 60']
            kill_timeout: 1s
            max_memory_restart: 200M
        """);
    Path json = Files.writeString(dir.resolve("ecosystem.json"), """
        { "apps": [ { "name": "api", "script": "bash", "args": ["-c", "sleep 60"], "log_type": "raw" } ] }
        """);
    Files.writeString(dir.resolve("server.js"), "");
    Path initLog = dir.resolve("init.log");
    Path out = dir.resolve("out.txt");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process reader = new ProcessBuilder(List.of(java, "-Xshare:off", "-Xlog:class+init=info:file=" + initLog, "-cp",
            System.getProperty("java.class.path"), Reader.class.getName(), dir.toString(), yaml.toString(),
            json.toString()))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();

    assertThat(reader.waitFor(60, TimeUnit.SECONDS)).as("the reading JVM ended").isTrue();
    assertThat(Files.readString(out).strip()).isEqualTo("2 1");
    String initialised = Files.readString(initLog);
    assertThat(initialised).contains("'com/networknt/schema/keyword/EnumValidator'", "'dev/jpm/engine/config/Vocabulary'");
    assertThat(initialised).doesNotContain("'tools/jackson/databind/cfg/MapperBuilder'");
  }
}
