package dev.jpm.engine.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.CronSchedule;
import dev.jpm.engine.model.LogDateFormat;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.protocol.GitOpsState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * A state.json and a gitops.json written by a real daemon of the version that used Jackson's databind (the apps of
 * ecosystem.example.yaml, an app with every option set, one depending on it, and a GitOps source) load as databind
 * read them, and are written again as databind wrote them.
 */
class StateFilesGoldenTest {

  /**
   * The mapper the daemon used for these files before, configured as it was. A cron schedule and a log date format
   * were strings then, so they are strings to it.
   */
  private static final ObjectMapper DATABIND = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .addModule(new SimpleModule()
          .addSerializer(CronSchedule.class, ToStringSerializer.instance)
          .addDeserializer(CronSchedule.class, fromString(CronSchedule::restore))
          .addSerializer(LogDateFormat.class, ToStringSerializer.instance)
          .addDeserializer(LogDateFormat.class, fromString(LogDateFormat::parse)))
      .build();

  private static <T> ValueDeserializer<T> fromString(Function<String, T> parse) {
    return new ValueDeserializer<>() {
      @Override
      public T deserialize(JsonParser parser, DeserializationContext context) {
        return parse.apply(parser.getString());
      }
    };
  }

  @TempDir Path dir;

  @Test
  void aStateFileOfTheDatabindDaemonLoadsAsDatabindReadIt() throws IOException {
    byte[] golden = golden("state.json");
    ObservedState expected = DATABIND.readValue(golden, ObservedState.class);
    Path file = dir.resolve("state.json");
    Files.write(file, golden);

    ObservedState loaded = new StateStore(file).load().orElseThrow();

    assertThat(loaded).isEqualTo(expected);
    assertThat(loaded.apps()).containsOnlyKeys("after", "from-git", "hello-web", "rich", "worker");
    assertThat(loaded.apps().get("rich").applied().traffic().healthCheck()).isNotNull();
  }

  @Test
  void aStateFileIsWrittenAsDatabindWroteIt() throws IOException {
    ObservedState state = DATABIND.readValue(golden("state.json"), ObservedState.class);
    Path file = dir.resolve("state.json");

    new StateStore(file).save(state);

    assertThat(Files.readString(file)).isEqualTo(DATABIND.writerWithDefaultPrettyPrinter().writeValueAsString(state));
  }

  @Test
  void aStateFileFromBeforeSurgesVersioningAndTrafficLoadsWithTheirDefaults() throws IOException {
    ObjectNode tree = (ObjectNode) DATABIND.readTree(golden("state.json"));
    tree.path("apps").forEach(app -> {
      ((ObjectNode) app).remove("surges");
      ((ObjectNode) app.path("applied")).remove(List.of("versioning", "traffic"));
    });
    byte[] older = DATABIND.writeValueAsBytes(tree);
    Path file = dir.resolve("state.json");
    Files.write(file, older);

    ObservedState loaded = new StateStore(file).load().orElseThrow();

    assertThat(loaded).isEqualTo(DATABIND.readValue(older, ObservedState.class));
    assertThat(loaded.apps().get("rich").surges()).isEmpty();
  }

  @Test
  void aGitOpsFileOfTheDatabindDaemonLoadsAsDatabindReadItAndIsWrittenTheSame() throws IOException {
    byte[] golden = golden("gitops.json");
    List<GitOpsState> expected = DATABIND.readValue(golden, new TypeReference<List<GitOpsState>>() {});
    Path file = dir.resolve("gitops.json");
    Files.write(file, golden);
    GitOpsStore store = new GitOpsStore(file);

    List<GitOpsState> loaded = store.load();
    store.save(loaded);

    assertThat(loaded).isEqualTo(expected).hasSize(1);
    assertThat(Files.readAllBytes(file)).isEqualTo(golden);
  }

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = StateFilesGoldenTest.class.getResourceAsStream("/golden/" + name)) {
      return in.readAllBytes();
    }
  }
}
