package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.Frames;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestFrameTest {

  private static final Request.Ecosystem FILE = new Request.Ecosystem("/srv/e \"1\".yaml",
      "apps:\n  - name: api\t# \u00e9t\u00e9 \\ \"quoted\"\n    script: ${APP:-a.sh}\n", "production",
      Map.of("APP", "b.sh", "EMPTY", ""));

  @Test
  void anApplyIsWhatWireReadsAsTheSameRequest() throws IOException {
    Request apply = new Request.Apply(FILE, true, List.of("api", "worker"));
    assertThat(decoded(apply)).isEqualTo(apply);
  }

  @Test
  void aPlanWithNoProfileAndNoVariablesToo() throws IOException {
    Request plan = new Request.Plan(new Request.Ecosystem("/e.json", "{}", null, Map.of()), false, List.of());
    assertThat(decoded(plan)).isEqualTo(plan);
  }

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
  }

  private static Request decoded(Request request) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    Frames.write(frame, RequestFrame.encode(request).orElseThrow());
    return Wire.read(new ByteArrayInputStream(frame.toByteArray()), Request.class);
  }
}
