package dev.jpm.engine.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Framing and encoding of protocol messages: {@code [int length][JSON object]} where the object carries the
 * protocol version {@code v}. A frame longer than {@link #MAX_FRAME} is refused before it is read.
 */
public final class Wire {

  /** Bumped when a message changes incompatibly. */
  public static final int VERSION = 1;

  /** Largest frame accepted (an ecosystem file travels in one frame). */
  public static final int MAX_FRAME = 8 * 1024 * 1024;

  /** The one JSON mapper of the protocol: snake_case fields, unknown fields ignored for forward compatibility. */
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private Wire() {}

  /** A frame could not be read as a message of this protocol. */
  public static final class BadFrame extends IOException {
    private final ErrorCode code;

    BadFrame(ErrorCode code, String message) {
      super(message);
      this.code = code;
    }

    public ErrorCode code() {
      return code;
    }
  }

  public static void write(OutputStream out, Object message) throws IOException {
    tools.jackson.databind.node.ObjectNode tree = JSON.valueToTree(message);
    tree.put("v", VERSION);
    byte[] body = JSON.writeValueAsBytes(tree);
    // One write per frame: length and body leave together.
    byte[] frame = new byte[4 + body.length];
    java.nio.ByteBuffer.wrap(frame).putInt(body.length).put(body);
    out.write(frame);
    out.flush();
  }

  /** Reads one frame; returns null at a clean end of stream. */
  public static <T> T read(InputStream in, Class<T> type) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int length;
    try {
      length = data.readInt();
    } catch (EOFException end) {
      return null;
    }
    if (length < 0 || length > MAX_FRAME)
      throw new BadFrame(ErrorCode.TOO_LARGE, "frame of " + length + " bytes refused (limit " + MAX_FRAME + ")");
    byte[] body = data.readNBytes(length);
    if (body.length != length) throw new EOFException("frame cut short");
    try {
      tools.jackson.databind.JsonNode tree = JSON.readTree(body);
      int version = tree.path("v").asInt(-1);
      if (version != VERSION)
        throw new BadFrame(ErrorCode.UNSUPPORTED_VERSION,
            "protocol version " + version + " not supported (this side speaks " + VERSION + ")");
      return JSON.treeToValue(tree, type);
    } catch (JacksonException e) {
      throw new BadFrame(ErrorCode.BAD_REQUEST, "malformed message: " + e.getOriginalMessage());
    }
  }
}
