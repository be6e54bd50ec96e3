package dev.jpm.engine.protocol;

import dev.jpm.engine.json.JsonCodec;
import dev.jpm.engine.json.TextForm;
import dev.jpm.engine.model.CronSchedule;
import dev.jpm.engine.model.LogDateFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Encoding of protocol messages in {@link Frames}: a JSON object that carries the message's {@code type} and the
 * protocol version {@code v}, through {@link JsonCodec} (snake_case fields, unknown fields ignored for forward
 * compatibility).
 */
public final class Wire {

  /** Bumped when a message changes incompatibly. */
  public static final int VERSION = 2;

  /** Largest frame accepted (a file's normalised apps travel in one frame). */
  public static final int MAX_FRAME = Frames.MAX_FRAME;

  /**
   * The one JSON binding of the protocol and of the daemon's state files. A cron schedule and a log date format are
   * strings, as they are in the file; a schedule saved by another version that this one cannot read still loads.
   */
  public static final JsonCodec CODEC = new JsonCodec(List.of(Request.TYPES, Response.TYPES), List.of(
      new TextForm<>(CronSchedule.class, CronSchedule::restore, CronSchedule::expression),
      new TextForm<>(LogDateFormat.class, LogDateFormat::parse, LogDateFormat::pattern)));

  private Wire() {}

  public static void write(OutputStream out, Request request) throws IOException {
    write(out, (Record) request);
  }

  public static void write(OutputStream out, Response response) throws IOException {
    write(out, (Record) response);
  }

  private static void write(OutputStream out, Record message) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JsonCodec.generator(body)) {
      json.writeStartObject();
      CODEC.writeFields(json, message);
      json.writeNumberProperty("v", VERSION);
      json.writeEndObject();
    }
    Frames.write(out, body.toByteArray());
  }

  /** Reads one frame; returns null at a clean end of stream. */
  public static <T> T read(InputStream in, Class<T> type) throws IOException {
    byte[] body = Frames.read(in);
    return body == null ? null : decode(body, type);
  }

  /** One frame's body as a message; a {@link BadFrame} when it is not one of this version. */
  public static <T> T decode(byte[] body, Class<T> type) throws BadFrame {
    try {
      int version = version(body);
      if (version != VERSION)
        throw new BadFrame(ErrorCode.UNSUPPORTED_VERSION,
            "protocol version " + version + " not supported (this side speaks " + VERSION + ")");
      return CODEC.read(body, type);
    } catch (JacksonException e) {
      String where = e.getPath().isEmpty() ? "" : " (at " + e.getPathReference() + ")";
      throw new BadFrame(ErrorCode.BAD_REQUEST, "malformed message: " + e.getOriginalMessage() + where);
    }
  }

  /**
   * The frame's {@code v}, or -1 when it has none (or is no object); reading the whole frame also finds bad JSON
   * before the version is judged, as a reader of the tree did.
   */
  private static int version(byte[] body) {
    try (JsonParser parser = JsonCodec.parser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return -1;
      }
      int version = -1;
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        JsonToken token = parser.nextToken();
        if (name.equals("v") && token == JsonToken.VALUE_NUMBER_INT) version = parser.getIntValue();
        else parser.skipChildren();
      }
      return version;
    }
  }
}
