package dev.jpm.engine.json;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * Reads and writes records as JSON objects whose fields are the snake_case names of their components, in
 * declaration order. Nulls are written; on reading, unknown fields are skipped (an older reader of a newer peer's
 * message or file) and a missing field is null, 0 or false (the record's compact constructor decides whether that
 * will do). A record of a {@link TypeFamily} carries its name in a {@code type} property, written first; a value
 * with a {@link TextForm} is a string.
 *
 * <p>Every problem of the input, whether bad JSON, a value of the wrong kind, an unknown type or enum constant, or a
 * value the record's constructor refuses, is a {@link JacksonException} that says what and where; a type this
 * class cannot bind at all (a programming error) is an {@link IllegalArgumentException}.
 */
public final class JsonCodec {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Indented output as Jackson's default pretty printer makes it (the state files have always looked so). */
  private static final ObjectWriteContext PRETTY = new ObjectWriteContext.Base() {
    @Override
    public PrettyPrinter getPrettyPrinter() {
      return new DefaultPrettyPrinter();
    }

    @Override
    public boolean hasPrettyPrinter() {
      return true;
    }
  };

  private final Map<Class<?>, TypeFamily<?>> families = new HashMap<>();
  private final Map<Class<?>, String> typeNames = new HashMap<>();
  private final Map<Class<?>, TextForm<?>> textForms = new HashMap<>();

  public JsonCodec(List<TypeFamily<?>> families, List<TextForm<?>> textForms) {
    for (TypeFamily<?> family : families) {
      this.families.put(family.base(), family);
      typeNames.putAll(family.names());
    }
    for (TextForm<?> form : textForms) this.textForms.put(form.type(), form);
  }

  /** A generator of compact JSON on {@code out}, for a caller that writes part of an object itself. */
  public static JsonGenerator generator(OutputStream out) {
    return FACTORY.createGenerator(ObjectWriteContext.empty(), out);
  }

  /** A parser of {@code json}, before its first token. */
  public static JsonParser parser(byte[] json) {
    return FACTORY.createParser(ObjectReadContext.empty(), json);
  }

  public byte[] toBytes(Object value) {
    return bytes(value, ObjectWriteContext.empty());
  }

  public byte[] toPrettyBytes(Object value) {
    return bytes(value, PRETTY);
  }

  public String toJson(Object value) {
    return new String(toBytes(value), StandardCharsets.UTF_8);
  }

  public String toPrettyJson(Object value) {
    return new String(toPrettyBytes(value), StandardCharsets.UTF_8);
  }

  private byte[] bytes(Object value, ObjectWriteContext context) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = FACTORY.createGenerator(context, bytes)) {
      write(json, value);
    }
    return bytes.toByteArray();
  }

  public <T> T read(byte[] json, Class<T> type) {
    return type.cast(readDocument(json, type));
  }

  @SuppressWarnings("unchecked")
  public <T> T read(byte[] json, JsonType<T> type) {
    return (T) readDocument(json, type.type());
  }

  private Object readDocument(byte[] json, Type type) {
    try (JsonParser parser = parser(json)) {
      if (parser.nextToken() == null) throw new StreamReadException(parser, "no content");
      return read(parser, type);
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Writing

  /** Writes any value this class binds, by its own class. */
  private void write(JsonGenerator json, Object value) {
    TextForm<?> form = value == null ? null : textForms.get(value.getClass());
    if (form != null) {
      json.writeString(form.write(value));
      return;
    }
    switch (value) {
      case null -> json.writeNull();
      case String text -> json.writeString(text);
      case Boolean flag -> json.writeBoolean(flag);
      case Integer number -> json.writeNumber(number);
      case Long number -> json.writeNumber(number);
      case Double number -> json.writeNumber(number);
      case Enum<?> constant -> json.writeString(constant.name());
      case Record record -> {
        json.writeStartObject();
        writeFields(json, record);
        json.writeEndObject();
      }
      case Map<?, ?> map -> {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          json.writeName(String.valueOf(entry.getKey()));
          write(json, entry.getValue());
        }
        json.writeEndObject();
      }
      case Collection<?> items -> {
        json.writeStartArray();
        for (Object item : items) write(json, item);
        json.writeEndArray();
      }
      case BigInteger number -> json.writeNumber(number);
      case BigDecimal number -> json.writeNumber(number);
      default -> throw new IllegalArgumentException("no JSON binding for " + value.getClass().getName());
    }
  }

  /**
   * Writes a record's fields (its {@code type} first when it belongs to a family) into an object the caller has
   * started and will end, so that the caller may add fields of its own (the protocol's version).
   */
  public void writeFields(JsonGenerator json, Record record) {
    String typeName = typeNames.get(record.getClass());
    if (typeName != null) json.writeStringProperty(TypeFamily.PROPERTY, typeName);
    RecordShape shape = RecordShape.of(record.getClass());
    for (int i = 0; i < shape.size(); i++) {
      RecordShape.Component component = shape.component(i);
      json.writeName(component.name());
      write(json, component.valueOf(record));
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Reading

  /** Reads the value the parser is at (its first token is current) as {@code type}. */
  private Object read(JsonParser parser, Type type) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) return null;
    Class<?> raw = rawClass(type);
    if (raw == String.class) return expect(parser, JsonToken.VALUE_STRING, "a string").getString();
    if (raw == int.class || raw == Integer.class) return expect(parser, JsonToken.VALUE_NUMBER_INT, "an integer").getIntValue();
    if (raw == long.class || raw == Long.class) return expect(parser, JsonToken.VALUE_NUMBER_INT, "an integer").getLongValue();
    if (raw == boolean.class || raw == Boolean.class) {
      if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) return token == JsonToken.VALUE_TRUE;
      throw mismatch(parser, "true or false");
    }
    if (raw == double.class || raw == Double.class) {
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) return parser.getDoubleValue();
      throw mismatch(parser, "a number");
    }
    if (raw.isEnum()) return constant(parser, raw);
    TextForm<?> form = textForms.get(raw);
    if (form != null) return parsed(parser, form);
    if (raw == List.class || raw == Collection.class)
      return readArray(parser, typeArgument(type, 0), new ArrayList<>());
    if (raw == Set.class) return readArray(parser, typeArgument(type, 0), new LinkedHashSet<>());
    if (raw == Map.class) return readMap(parser, typeArgument(type, 1));
    if (raw.isRecord()) {
      expect(parser, JsonToken.START_OBJECT, "an object");
      return readFields(parser, RecordShape.of(raw));
    }
    TypeFamily<?> family = families.get(raw);
    if (family != null) return readMember(parser, family);
    if (raw == Object.class) return readUntyped(parser);
    throw new IllegalArgumentException("no JSON binding for " + type);
  }

  private static JsonParser expect(JsonParser parser, JsonToken token, String what) {
    if (parser.currentToken() != token) throw mismatch(parser, what);
    return parser;
  }

  private static StreamReadException mismatch(JsonParser parser, String what) {
    JsonToken token = parser.currentToken();
    String found = switch (token) {
      case VALUE_STRING -> "the string \"" + parser.getString() + "\"";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
      case VALUE_TRUE, VALUE_FALSE -> parser.getText();
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> String.valueOf(token);
    };
    return new StreamReadException(parser, "expected " + what + ", found " + found);
  }

  private static Object parsed(JsonParser parser, TextForm<?> form) {
    String text = expect(parser, JsonToken.VALUE_STRING, "a string").getString();
    try {
      return form.parse().apply(text);
    } catch (IllegalArgumentException refused) {
      throw new StreamReadException(parser, "\"" + text + "\" refused by " + form.type().getSimpleName() + ": "
          + refused.getMessage(), refused);
    }
  }

  private static Object constant(JsonParser parser, Class<?> type) {
    String name = expect(parser, JsonToken.VALUE_STRING, "a string").getString();
    for (Object constant : type.getEnumConstants()) if (((Enum<?>) constant).name().equals(name)) return constant;
    throw new StreamReadException(parser, "\"" + name + "\" is not one of " + List.of(type.getEnumConstants()));
  }

  private Collection<Object> readArray(JsonParser parser, Type element, Collection<Object> items) {
    expect(parser, JsonToken.START_ARRAY, "an array");
    while (parser.nextToken() != JsonToken.END_ARRAY) items.add(read(parser, element));
    return items;
  }

  private Map<String, Object> readMap(JsonParser parser, Type value) {
    expect(parser, JsonToken.START_OBJECT, "an object");
    Map<String, Object> map = new LinkedHashMap<>();
    for (String name = parser.nextName(); name != null; name = parser.nextName()) {
      parser.nextToken();
      map.put(name, read(parser, value));
    }
    return map;
  }

  /** The fields of a record, the parser being inside its object (before the next name); ends at its end. */
  private Object readFields(JsonParser parser, RecordShape shape) {
    Object[] values = new Object[shape.size()];
    for (String name = parser.nextName(); name != null; name = parser.nextName()) {
      parser.nextToken();
      int index = shape.indexOf(name);
      if (index < 0) {
        parser.skipChildren();
        continue;
      }
      try {
        values[index] = read(parser, shape.component(index).type());
      } catch (JacksonException e) {
        throw e.prependPath(shape.type(), name);
      }
    }
    try {
      return shape.build(values);
    } catch (InvocationTargetException refused) {
      Throwable why = refused.getCause();
      String reason = why instanceof NullPointerException ? "missing " + why.getMessage() : why.getMessage();
      throw new StreamReadException(parser, shape.type().getSimpleName() + " refused: " + reason, why);
    }
  }

  /**
   * A record of a family: its {@code type} is normally the first field (as this class writes it), and then read
   * as it comes; elsewhere, the object is read as plain values first and read again once its type is known.
   */
  private Object readMember(JsonParser parser, TypeFamily<?> family) {
    expect(parser, JsonToken.START_OBJECT, "an object");
    String first = parser.nextName();
    if (TypeFamily.PROPERTY.equals(first)) {
      parser.nextToken();
      String typeName = expect(parser, JsonToken.VALUE_STRING, "a type name").getString();
      return readFields(parser, RecordShape.of(member(parser, family, typeName)));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String name = first; name != null; name = parser.nextName()) {
      parser.nextToken();
      fields.put(name, readUntyped(parser));
    }
    if (!(fields.get(TypeFamily.PROPERTY) instanceof String typeName))
      throw new StreamReadException(parser, "no \"type\" naming which " + family.base().getSimpleName() + " this is");
    Class<?> member = member(parser, family, typeName);
    try (JsonParser again = parser(toBytes(fields))) {
      again.nextToken();
      return read(again, member);
    }
  }

  private static Class<?> member(JsonParser parser, TypeFamily<?> family, String typeName) {
    Class<?> member = family.byName().get(typeName);
    if (member == null)
      throw new StreamReadException(parser, "unknown " + family.base().getSimpleName() + " type \"" + typeName
          + "\" (known: " + new java.util.TreeSet<>(family.byName().keySet()) + ")");
    return member;
  }

  /** Maps, lists, strings, numbers, booleans and nulls as the JSON has them. */
  private static Object readUntyped(JsonParser parser) {
    return switch (parser.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
          parser.nextToken();
          map.put(name, readUntyped(parser));
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) items.add(readUntyped(parser));
        yield items;
      }
      case VALUE_STRING -> parser.getString();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw mismatch(parser, "a value");
    };
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> raw) return raw;
    if (type instanceof ParameterizedType parameterized) return (Class<?>) parameterized.getRawType();
    throw new IllegalArgumentException("no JSON binding for " + type);
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType parameterized) {
      Type argument = parameterized.getActualTypeArguments()[index];
      return argument instanceof java.lang.reflect.WildcardType wildcard ? wildcard.getUpperBounds()[0] : argument;
    }
    return Object.class;
  }
}
