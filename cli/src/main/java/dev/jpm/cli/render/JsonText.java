package dev.jpm.cli.render;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Plain values (maps, lists, strings, numbers, booleans, null) as compact JSON, as {@code JSON.stringify} writes
 * them, for output whose shape is another tool's ({@code jlist}), not the protocol's records.
 */
public final class JsonText {

  private JsonText() {}

  public static String of(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (JsonGenerator json = new JsonFactory().createGenerator(ObjectWriteContext.empty(), bytes)) {
      write(json, value);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void write(JsonGenerator json, Object value) {
    switch (value) {
      case null -> json.writeNull();
      case Map<?, ?> map -> {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          json.writeName(String.valueOf(entry.getKey()));
          write(json, entry.getValue());
        }
        json.writeEndObject();
      }
      case List<?> list -> {
        json.writeStartArray();
        for (Object item : list) write(json, item);
        json.writeEndArray();
      }
      case String text -> json.writeString(text);
      case Boolean flag -> json.writeBoolean(flag);
      case Integer number -> json.writeNumber(number);
      case Long number -> json.writeNumber(number);
      case Double number -> json.writeNumber(number);
      default -> throw new IllegalArgumentException("no JSON for " + value.getClass().getName());
    }
  }
}
