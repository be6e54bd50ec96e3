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
    Request apply = new Request.Apply(new Request.Ecosystem("/srv/eco.yaml", "apps: []", "production",
        Map.of("DB", "pg")), true, List.of("api"));

    Request read = roundTrip(apply, Request.class);

    assertThat(read).isEqualTo(apply);
  }

  @Test
  void framesCarryTheVersionAndSnakeCaseFields() throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    Wire.write(frame, new Response.Pong(1, 42, 5, 0));

    String json = new String(frame.toByteArray(), 4, frame.size() - 4, StandardCharsets.UTF_8);

    assertThat(json).contains("\"type\":\"pong\"", "\"v\":1", "\"uptime_ms\":5");
  }

  @Test
  void malformedJsonIsABadRequest() {
    assertThatThrownBy(() -> Wire.read(frameOf("{not json"), Request.class))
        .isInstanceOf(BadFrame.class)
        .satisfies(e -> assertThat(((BadFrame) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void unknownTypeIsABadRequest() {
    assertThatThrownBy(() -> Wire.read(frameOf("{\"v\":1,\"type\":\"format_disk\"}"), Request.class))
        .isInstanceOf(BadFrame.class)
        .hasMessageContaining("malformed");
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

  private static <T> T roundTrip(Object message, Class<T> type) throws IOException {
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
