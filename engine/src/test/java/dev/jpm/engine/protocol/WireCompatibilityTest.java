package dev.jpm.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message and record is written exactly as the protocol wrote it with Jackson's databind before, and reads
 * back equal. {@code golden/messages.jsonl} holds that older output for {@link Samples}: one frame body per
 * request, then per response, then the plain JSON of each of {@link Samples#PARTS}, in list order.
 */
class WireCompatibilityTest {

  @Test
  void everyRequestAndResponseTypeHasASample() {
    assertThat(Samples.REQUESTS.stream().map(Object::getClass).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Request.class.getPermittedSubclasses());
    assertThat(Samples.RESPONSES.stream().map(Object::getClass).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Response.class.getPermittedSubclasses());
  }

  @Test
  void everyRecordOfTheModelAndTheProtocolHasASample() throws IOException, URISyntaxException {
    Set<Class<?>> sampled = Samples.PARTS.stream().map(Object::getClass).collect(Collectors.toSet());

    List<Class<?>> records = new ArrayList<>();
    records.addAll(recordsOf(dev.jpm.engine.model.AppSpec.class));
    records.addAll(recordsOf(Wire.class));

    assertThat(records).isNotEmpty().allSatisfy(type -> assertThat(sampled).contains(type));
  }

  @Test
  void framesAreWhatTheProtocolWroteBefore() throws IOException {
    List<String> golden = golden();
    List<Object> messages = new ArrayList<>(Samples.REQUESTS);
    messages.addAll(Samples.RESPONSES);

    for (int i = 0; i < messages.size(); i++) assertThat(body(messages.get(i))).isEqualTo(golden.get(i));
  }

  @Test
  void framesReadBackEqual() throws IOException {
    for (Request request : Samples.REQUESTS) assertThat(roundTrip(request, Request.class)).isEqualTo(request);
    for (Response response : Samples.RESPONSES) assertThat(roundTrip(response, Response.class)).isEqualTo(response);
  }

  @Test
  void framesWrittenBeforeReadAsTheSameMessages() throws IOException {
    List<String> golden = golden();
    int requests = Samples.REQUESTS.size();
    for (int i = 0; i < requests; i++) assertThat(read(golden.get(i), Request.class)).isEqualTo(Samples.REQUESTS.get(i));
    for (int i = 0; i < Samples.RESPONSES.size(); i++)
      assertThat(read(golden.get(requests + i), Response.class)).isEqualTo(Samples.RESPONSES.get(i));
  }

  @Test
  void partsAreWrittenAsBeforeAndReadBackEqual() throws IOException {
    List<String> golden = golden();
    int offset = Samples.REQUESTS.size() + Samples.RESPONSES.size();
    for (int i = 0; i < Samples.PARTS.size(); i++) {
      Record part = Samples.PARTS.get(i);
      assertThat(Wire.CODEC.toJson(part)).isEqualTo(golden.get(offset + i));
      assertThat(Wire.CODEC.read(golden.get(offset + i).getBytes(StandardCharsets.UTF_8), part.getClass()))
          .isEqualTo(part);
    }
  }

  @Test
  void recordsWrittenBeforeWaitReadyAndShutdownWithMessageReadWithThemOff() throws IOException {
    byte[] stop = "{\"signal\":\"TERM\",\"kill_timeout_ms\":3000}".getBytes(StandardCharsets.UTF_8);
    assertThat(Wire.CODEC.read(stop, dev.jpm.engine.model.StopPolicy.class))
        .isEqualTo(new dev.jpm.engine.model.StopPolicy("TERM", 3000, false));
    byte[] traffic = ("{\"host\":null,\"proxy_protocol\":false,\"health_check\":null,\"ready_pattern\":\"up\","
        + "\"max_surge\":1,\"max_unavailable\":0,\"drain_timeout_ms\":500,\"reuse_port\":false}")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(Wire.CODEC.read(traffic, dev.jpm.engine.model.Traffic.class))
        .isEqualTo(new dev.jpm.engine.model.Traffic(null, false, null, "up", 1, 0, 500, false, false));
  }

  private static List<String> golden() throws IOException {
    try (InputStream in = WireCompatibilityTest.class.getResourceAsStream("/golden/messages.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** The JSON of the frame {@link Wire} writes for a request or response. */
  static String body(Object message) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    if (message instanceof Request request) Wire.write(frame, request);
    else Wire.write(frame, (Response) message);
    return new String(frame.toByteArray(), 4, frame.size() - 4, StandardCharsets.UTF_8);
  }

  private static <T> T roundTrip(Object message, Class<T> type) throws IOException {
    return read(body(message), type);
  }

  static <T> T read(String body, Class<T> type) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    Frames.write(frame, body.getBytes(StandardCharsets.UTF_8));
    return Wire.read(new ByteArrayInputStream(frame.toByteArray()), type);
  }

  /** The records (top-level and nested) of the package of {@code anchor}, from its compiled classes. */
  private static List<Class<?>> recordsOf(Class<?> anchor) throws IOException, URISyntaxException {
    Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path folder = root.resolve(anchor.getPackageName().replace('.', '/'));
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".class"))
          .<Class<?>>map(name -> load(anchor.getPackageName() + "." + name.substring(0, name.length() - 6)))
          .filter(Class::isRecord)
          .filter(type -> !Request.class.isAssignableFrom(type) && !Response.class.isAssignableFrom(type))
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, WireCompatibilityTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
