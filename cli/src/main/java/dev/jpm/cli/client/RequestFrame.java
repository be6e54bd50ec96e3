package dev.jpm.cli.client;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Wire;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Encodes the requests whose answer a user waits for most ({@code apply}, {@code diff}, {@code stop},
 * {@code restart}, {@code delete}, {@code logs}) with Jackson's streaming generator, as {@link Wire} would write them: the
 * request leaves before the CLI has loaded the protocol's record binding (its classes and the records' reflective
 * metadata), which then loads while the daemon works. A test reads every field back through {@link Wire}, so the two cannot drift.
 */
public final class RequestFrame {

  private RequestFrame() {}

  /** The frame body for {@code request} when it is one of those; empty for any other request. */
  public static Optional<byte[]> encode(Request request) {
    return switch (request) {
      case Request.Apply apply -> Optional.of(body("apply", apply.ecosystem(), apply.prune(), apply.only()));
      case Request.Plan plan -> Optional.of(body("plan", plan.ecosystem(), plan.prune(), plan.only()));
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

  private static byte[] body(String type, Request.Ecosystem ecosystem, boolean prune, List<String> only) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(ecosystem.content().length() + 256);
    try (JsonGenerator json = new JsonFactory().createGenerator(ObjectWriteContext.empty(), bytes)) {
      json.writeStartObject();
      json.writeStringProperty("type", type);
      json.writeName("ecosystem");
      json.writeStartObject();
      json.writeStringProperty("file", ecosystem.file());
      json.writeStringProperty("content", ecosystem.content());
      json.writeStringProperty("profile", ecosystem.profile());
      json.writeName("variables");
      json.writeStartObject();
      for (Map.Entry<String, String> variable : ecosystem.variables().entrySet())
        json.writeStringProperty(variable.getKey(), variable.getValue());
      json.writeEndObject();
      json.writeEndObject();
      json.writeBooleanProperty("prune", prune);
      json.writeName("only");
      json.writeStartArray();
      for (String app : only) json.writeString(app);
      json.writeEndArray();
      json.writeNumberProperty("v", Wire.VERSION);
      json.writeEndObject();
    }
    return bytes.toByteArray();
  }
}
