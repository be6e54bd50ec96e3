package dev.jpm.cli.client;

import dev.jpm.engine.protocol.LogEntry;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the frames of a {@code logs} answer ({@code log_batch}, {@code done}) with Jackson's streaming parser, as
 * {@link TableFrame} does for {@code ls}: {@code jpm logs --nostream} then costs little more than a JVM start. The
 * field names are those {@link Wire} writes; a test round-trips them.
 */
public final class LogFrame {

  private LogFrame() {}

  /** A batch or a done frame; empty for anything else (a failure: the caller takes the ordinary path). */
  public static Optional<Response> read(byte[] body) {
    try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return Optional.empty();
      String type = null;
      int version = -1;
      long missed = 0;
      String message = "";
      List<LogEntry> lines = List.of();
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        JsonToken token = parser.nextToken();
        switch (field) {
          case "type" -> type = parser.getString();
          case "v" -> version = parser.getIntValue();
          case "missed" -> missed = parser.getLongValue();
          case "message" -> message = token == JsonToken.VALUE_NULL ? "" : parser.getString();
          case "lines" -> lines = entries(parser);
          default -> parser.skipChildren();
        }
      }
      if (version != Wire.VERSION) return Optional.empty();
      if ("log_batch".equals(type)) return Optional.of(new Response.LogBatch(lines, missed));
      if ("done".equals(type)) return Optional.of(new Response.Done(message));
      return Optional.empty();
    } catch (JacksonException | IllegalStateException malformed) {
      return Optional.empty();
    }
  }

  private static List<LogEntry> entries(JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_ARRAY) throw new IllegalStateException("lines is no array");
    List<LogEntry> entries = new ArrayList<>();
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      String app = null;
      String stream = null;
      String text = null;
      int instance = 0;
      long time = 0;
      for (String field = parser.nextName(); field != null; field = parser.nextName()) {
        parser.nextToken();
        switch (field) {
          case "app" -> app = parser.getString();
          case "instance" -> instance = parser.getIntValue();
          case "stream" -> stream = parser.getString();
          case "text" -> text = parser.getString();
          case "time_ms" -> time = parser.getLongValue();
          default -> parser.skipChildren();
        }
      }
      entries.add(new LogEntry(app, instance, stream, text, time));
    }
    return entries;
  }
}
