package dev.jpm.cli.client;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Wire;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Encodes the small requests whose answer a user waits for most ({@code stop}, {@code restart}, {@code delete},
 * {@code logs}) with Jackson's streaming generator, as {@link Wire} would write them: the
 * request leaves before the CLI has loaded the protocol's record binding (its classes and the records' reflective
 * metadata), which then loads while the daemon works. A test reads every field back through {@link Wire}, so the two cannot drift.
 */
public final class RequestFrame {

  private RequestFrame() {}

  /** The frame body for {@code request} when it is one of those; empty for any other request. */
  public static Optional<byte[]> encode(Request request) {
    return switch (request) {
      case Request.Control control -> Optional.of(body(control));
      case Request.Logs logs -> Optional.of(body(logs));
      default -> Optional.empty();
    };
  }

  private static byte[] body(Request.Logs logs) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (JsonGenerator json = new JsonFactory().createGenerator(ObjectWriteContext.empty(), bytes)) {
      json.writeStartObject();
      json.writeStringProperty("type", "logs");
      json.writeStringProperty("target", logs.target());
      json.writeNumberProperty("lines", logs.lines());
      json.writeStringProperty("stream", logs.stream());
      json.writeBooleanProperty("follow", logs.follow());
      json.writeNumberProperty("v", Wire.VERSION);
      json.writeEndObject();
    }
    return bytes.toByteArray();
  }

  private static byte[] body(Request.Control control) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (JsonGenerator json = new JsonFactory().createGenerator(ObjectWriteContext.empty(), bytes)) {
      json.writeStartObject();
      json.writeStringProperty("type", "control");
      json.writeStringProperty("verb", control.verb().name());
      json.writeName("targets");
      json.writeStartArray();
      for (String target : control.targets()) json.writeString(target);
      json.writeEndArray();
      json.writeNumberProperty("v", Wire.VERSION);
      json.writeEndObject();
    }
    return bytes.toByteArray();
  }
}
