package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.Frames;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader of the ls hot path agrees with the protocol's encoding (Wire), field for field. */
class TableFrameTest {

  static final InstanceView EVERY_FIELD = new InstanceView("api", "api#1", 1, "shop", "cluster", 4242, "errored", 7,
      3, 12_345_678_901L, 137, "KILL", "crashed 3 times", "/l/api-out-1.log", "/l/api-error-1.log", "/srv/e.yaml",
      12.5, 3_221_225_472L, "not ready", 3, 1_000_000, 6_888_896, 17, 42, 1_795_000_009_000L);
  static final InstanceView NULLS = new InstanceView("w", "w#0", 0, "default", "fork", 0, "stopped", 0, 0, 0, null,
      null, null, null, null, null, null, null, null, 0, 0, 0, 0, 0, 0);

  @Test
  void readsEveryFieldThatWireWrites() throws IOException {
    byte[] body = frameBody(new Response.Table(List.of(EVERY_FIELD, NULLS)));

    assertThat(TableFrame.rows(body)).contains(List.of(EVERY_FIELD, NULLS));
  }

  @Test
  void anythingButATableIsLeftToTheOrdinaryPath() throws IOException {
    assertThat(TableFrame.rows(frameBody(new Response.Failure(4, "no")))).isEmpty();
    assertThat(TableFrame.rows("{\"type\":\"table\",\"v\":99,\"instances\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(TableFrame.rows("{not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void theEncodedListRequestIsWhatWireReadsAsOne() throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    Frames.write(frame, TableFrame.LIST_REQUEST.getBytes(StandardCharsets.UTF_8));

    assertThat(Wire.read(new ByteArrayInputStream(frame.toByteArray()), Request.class)).isEqualTo(new Request.List());
  }

  private static byte[] frameBody(Response response) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    Wire.write(frame, response);
    return Frames.read(new ByteArrayInputStream(frame.toByteArray()));
  }
}
