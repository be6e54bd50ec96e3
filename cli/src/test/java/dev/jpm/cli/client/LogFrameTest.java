package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.Frames;
import dev.jpm.engine.protocol.LogEntry;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader of the logs hot path agrees with the protocol's encoding (Wire). */
class LogFrameTest {

  @Test
  void readsBatchesAndDoneAsWireWritesThem() throws IOException {
    var batch = new Response.LogBatch(List.of(new LogEntry("api", 1, "err", "boom \"quoted\" é", 1234),
        new LogEntry("api", 0, "event", "started, pid 7", 0)), 3);

    assertThat(LogFrame.read(frameBody(batch))).contains(batch);
    assertThat(LogFrame.read(frameBody(new Response.Done("")))).contains(new Response.Done(""));
    assertThat(LogFrame.read(frameBody(new Response.Failure(4, "no app")))).isEmpty();
  }

  private static byte[] frameBody(Response response) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    Wire.write(frame, response);
    return Frames.read(new ByteArrayInputStream(frame.toByteArray()));
  }
}
