package dev.jpm.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {

  @Test
  void requestsRoundTripWithTheirType() throws IOException {
    Request apply = new Request.Apply(Samples.DESIRED, true, List.of("api"));

    Request read = roundTrip(apply, Request.class);

    assertThat(read).isEqualTo(apply);
  }

  @Test
  void framesCarryTheVersionAndSnakeCaseFields() throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    Wire.write(frame, new Response.Pong(1, 42, 5, 0));

    String json = new String(frame.toByteArray(), 4, frame.size() - 4, StandardCharsets.UTF_8);

    assertThat(json).contains("\"type\":\"pong\"", "\"v\":2", "\"uptime_ms\":5");
  }

  @Test
  void malformedJsonIsABadRequest() {
    assertThatThrownBy(() -> Wire.read(frameOf("{not json"), Request.class))
        .isInstanceOf(BadFrame.class)
        .satisfies(e -> assertThat(((BadFrame) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void unknownTypeIsABadRequest() {
    assertThatThrownBy(() -> Wire.read(frameOf("{\"v\":2,\"type\":\"format_disk\"}"), Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void aStringWhereANumberGoesIsABadRequestThatSaysWhere() {
    assertThatThrownBy(() -> Wire.read(frameOf("{\"type\":\"logs\",\"target\":\"api\",\"lines\":\"ten\",\"v\":2}"),
        Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("malformed message: expected an integer, found the string \"ten\"")
        .hasMessageContaining("[\"lines\"]")
        .satisfies(e -> assertThat(((BadFrame) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void aValueARecordRefusesIsABadRequest() {
    // GitOpsSource requires a name: its compact constructor throws, the reader says so.
    assertThatThrownBy(() -> Wire.read(frameOf("{\"type\":\"gitops_add\",\"source\":{\"repo\":\"r\",\"ref\":\"main\","
        + "\"path\":\"e.yaml\"},\"v\":2}"), Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("GitOpsSource refused: missing name")
        .satisfies(e -> assertThat(((BadFrame) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void anApplyWhoseAppsRepeatANameIsABadRequest() {
    // The CLI's loader reports this with its line; a hand-made request meets the model's own guard.
    String spec = Wire.CODEC.toJson(Samples.SPEC);
    String apply = "{\"type\":\"apply\",\"desired\":{\"source\":\"/e.yaml\",\"apps\":[" + spec + "," + spec + "]},"
        + "\"prune\":false,\"only\":[],\"v\":2}";

    assertThatThrownBy(() -> Wire.read(frameOf(apply), Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("DesiredState refused: app \"api\" appears twice")
        .satisfies(e -> assertThat(((BadFrame) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void anUnknownEnumConstantOrAWrongShapeIsABadRequest() {
    assertThatThrownBy(() -> Wire.read(frameOf("{\"type\":\"control\",\"verb\":\"NUKE\",\"targets\":[],\"v\":2}"),
        Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("\"NUKE\" is not one of [START, STOP, RESTART, DELETE]");
    assertThatThrownBy(() -> Wire.read(frameOf("{\"type\":\"reload\",\"targets\":{\"a\":1},\"v\":2}"), Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("expected an array, found an object");
    assertThatThrownBy(() -> Wire.read(frameOf("{\"type\":7,\"v\":2}"), Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("expected a type name, found the number 7");
    assertThatThrownBy(() -> Wire.read(frameOf("{\"v\":2}"), Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("no \"type\"");
  }

  @Test
  void unknownFieldsAreSkippedAndMissingOnesReadAsDefaults() throws IOException {
    Request read = Wire.read(frameOf("{\"type\":\"logs\",\"added_later\":{\"x\":[1,{\"y\":null}]},"
        + "\"target\":\"api\",\"follow\":null,\"v\":2}"), Request.class);

    assertThat(read).isEqualTo(new Request.Logs("api", 0, null, false));
  }

  @Test
  void theTypeMayComeAfterOtherFields() throws IOException {
    Request read = Wire.read(frameOf("{\"v\":2,\"lines\":5,\"target\":\"api\",\"type\":\"logs\",\"stream\":\"out\"}"),
        Request.class);

    assertThat(read).isEqualTo(new Request.Logs("api", 5, "out", false));
  }

  @Test
  void deepNestingBeforeTheTypeIsReadUpToJacksonsLimitAndRefusedBeyondIt() throws IOException {
    String nested = "[".repeat(499) + "]".repeat(499);
    assertThat(Wire.read(frameOf("{\"v\":2,\"x\":" + nested + ",\"type\":\"ping\"}"), Request.class))
        .isEqualTo(new Request.Ping());

    String deeper = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> Wire.read(frameOf("{\"v\":2,\"x\":" + deeper + ",\"type\":\"ping\"}"), Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("nesting depth")
        .satisfies(e -> assertThat(((BadFrame) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void aMissingVersionOrANonObjectIsRefusedAsAnotherVersion() {
    for (String body : List.of("{\"type\":\"ping\"}", "[1,2]", "\"ping\""))
      assertThatThrownBy(() -> Wire.read(frameOf(body), Request.class))
          .isInstanceOf(BadFrame.class)
          .satisfies(e -> assertThat(((BadFrame) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
  }

  @Test
  void anyDamageToAFrameGivesAMessageOrABadFrameNeverAnotherException() throws IOException {
    List<String> bodies = new java.util.ArrayList<>();
    for (Request request : Samples.REQUESTS) bodies.add(WireCompatibilityTest.body(request));
    for (Response response : Samples.RESPONSES) bodies.add(WireCompatibilityTest.body(response));
    List<String> replacements = List.of("\"x\"", "-1", "99999999999999999999", "1.5", "true", "null", "[]", "{}",
        "[{}]", "{\"a\":[null]}");

    int damaged = 0;
    for (String body : bodies) {
      for (int cut = 0; cut < body.length(); cut += 7) damaged += readsOrRefuses(body.substring(0, cut));
      // Each value in turn (after each ':' and each '[' or ','), replaced by a value of every other kind.
      for (int at = 0; at < body.length(); at++) {
        char c = body.charAt(at);
        if (c != ':' && c != '[' && c != ',') continue;
        int end = endOfValue(body, at + 1);
        if (end < 0) continue;
        for (String replacement : replacements)
          damaged += readsOrRefuses(body.substring(0, at + 1) + replacement + body.substring(end));
      }
    }
    assertThat(damaged).isGreaterThan(1000);
  }

  private static int readsOrRefuses(String body) {
    for (Class<?> type : List.of(Request.class, Response.class)) {
      try {
        Wire.read(frameOf(body), type);
      } catch (BadFrame expected) {
        // refused, as it should be when the damage matters
      } catch (IOException | RuntimeException e) {
        throw new AssertionError("reading " + body + " as " + type.getSimpleName() + " threw " + e, e);
      }
    }
    return 1;
  }

  /** Where the scalar or bracketed value starting at {@code from} ends, or -1 when none starts there. */
  private static int endOfValue(String body, int from) {
    if (from >= body.length()) return -1;
    char first = body.charAt(from);
    if (first == '"') {
      for (int i = from + 1; i < body.length(); i++) {
        if (body.charAt(i) == '\\') i++;
        else if (body.charAt(i) == '"') return i + 1;
      }
      return -1;
    }
    if (first == '{' || first == '[') {
      int depth = 0;
      boolean inString = false;
      for (int i = from; i < body.length(); i++) {
        char c = body.charAt(i);
        if (inString) {
          if (c == '\\') i++;
          else if (c == '"') inString = false;
        } else if (c == '"') inString = true;
        else if (c == '{' || c == '[') depth++;
        else if ((c == '}' || c == ']') && --depth == 0) return i + 1;
      }
      return -1;
    }
    int i = from;
    while (i < body.length() && ",}]".indexOf(body.charAt(i)) < 0) i++;
    return i == from ? -1 : i;
  }

  @Test
  void anotherVersionIsRefusedByName() {
    assertThatThrownBy(() -> Wire.read(frameOf("{\"v\":99,\"type\":\"ping\"}"), Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("protocol version 99 not supported")
        .satisfies(e -> assertThat(((BadFrame) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
  }

  @Test
  void anOversizedFrameIsRefusedBeforeItIsRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new DataOutputStream(bytes).writeInt(Wire.MAX_FRAME + 1);

    assertThatThrownBy(() -> Wire.read(new ByteArrayInputStream(bytes.toByteArray()), Request.class))
        .isInstanceOf(BadFrame.class)
        .satisfies(e -> assertThat(((BadFrame) e).code()).isEqualTo(ErrorCode.TOO_LARGE));
  }

  @Test
  void aCleanEndOfStreamReadsAsNull() throws IOException {
    assertThat(Wire.read(new ByteArrayInputStream(new byte[0]), Request.class)).isNull();
  }

  private static <T> T roundTrip(Request message, Class<T> type) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    Wire.write(frame, message);
    return Wire.read(new ByteArrayInputStream(frame.toByteArray()), type);
  }

  private static ByteArrayInputStream frameOf(String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    data.writeInt(body.length);
    data.write(body);
    return new ByteArrayInputStream(bytes.toByteArray());
  }
}
