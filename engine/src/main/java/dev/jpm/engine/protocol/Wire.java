package dev.jpm.engine.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encoding of protocol messages in {@link Frames}: a JSON object that carries the protocol version {@code v} and
 * the message's {@code type}.
 */
public final class Wire {

  /** Bumped when a message changes incompatibly. */
  public static final int VERSION = 1;

  /** Largest frame accepted (an ecosystem file travels in one frame). */
  public static final int MAX_FRAME = Frames.MAX_FRAME;

  /** The one JSON mapper of the protocol: snake_case fields, unknown fields ignored for forward compatibility. */
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private Wire() {}

  public static void write(OutputStream out, Object message) throws IOException {
    tools.jackson.databind.node.ObjectNode tree = JSON.valueToTree(message);
    tree.put("v", VERSION);
    Frames.write(out, JSON.writeValueAsBytes(tree));
  }

  /** Reads one frame; returns null at a clean end of stream. */
  public static <T> T read(InputStream in, Class<T> type) throws IOException {
    byte[] body = Frames.read(in);
    if (body == null) return null;
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
