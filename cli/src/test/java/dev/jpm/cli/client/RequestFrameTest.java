package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.protocol.Frames;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFrameTest {

  @Test
  void aControlVerbWithItsTargetsToo() throws IOException {
    for (Request.Verb verb : Request.Verb.values()) {
      Request control = new Request.Control(verb, List.of("api", "web#1", "all"));
      assertThat(decoded(control)).isEqualTo(control);
    }
  }

  @Test
  void aLogsRequestToo() throws IOException {
    Request logs = new Request.Logs("api#0", 100, "err", false);
    assertThat(decoded(logs)).isEqualTo(logs);
  }

  @Test
  void otherRequestsAreLeftToWire() {
    assertThat(RequestFrame.encode(new Request.List())).isEmpty();
    // An apply carries a file's normalised apps: records all through, which only Wire's binding writes.
    assertThat(RequestFrame.encode(new Request.Apply(new DesiredState("/e.yaml", null, List.of()), false,
        List.of()))).isEmpty();
  }

  private static Request decoded(Request request) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    Frames.write(frame, RequestFrame.encode(request).orElseThrow());
    return Wire.read(new ByteArrayInputStream(frame.toByteArray()), Request.class);
  }
}
