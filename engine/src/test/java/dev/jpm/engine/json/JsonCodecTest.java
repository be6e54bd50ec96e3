package dev.jpm.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class JsonCodecTest {

  sealed interface Shape {
    enum Kind {
      ROUND,
      SQUARE
    }
  }

  record Circle(double radius) implements Shape {}

  record Square(long side, Long optional) implements Shape {}

  record Drawing(String title, List<Shape> shapes, Map<String, Integer> tags, Set<Integer> codes, boolean done,
      int count, Shape.Kind kind) {}

  private static final TypeFamily<Shape> SHAPES =
      new TypeFamily<>(Shape.class, Map.of("circle", Circle.class, "square", Square.class));
  /** A value parsed from text, as a cron schedule is: written as that text. */
  record Even(int value) {
    static Even parse(String text) {
      int value = Integer.parseInt(text);
      if (value % 2 != 0) throw new IllegalArgumentException(value + " is odd");
      return new Even(value);
    }
  }

  record Pair(String name, Even left, Even right) {}

  private final JsonCodec codec = new JsonCodec(List.of(SHAPES),
      List.of(new TextForm<>(Even.class, Even::parse, even -> Integer.toString(even.value()))));

  @Test
  void namesAreSnakeCaseExactlyAsJacksonMadeThem() {
    var jackson = new PropertyNamingStrategies.SnakeCaseStrategy() {
      String snake(String name) {
        return translate(name);
      }
    };
    for (String name : List.of("uptimeMs", "pidStartMs", "aURL", "URLValue", "x1Y", "_private", "already_snake",
        "cpuPercent", "a", "isOK"))
      assertThat(RecordShape.snakeCase(name)).as(name).isEqualTo(jackson.snake(name));
  }

  @Test
  void aDrawingRoundTripsWithItsTypesOrdersAndNulls() {
    Map<String, Integer> tags = new LinkedHashMap<>();
    tags.put("z", 1);
    tags.put("a", null);
    Drawing drawing = new Drawing("t", List.of(new Circle(1.5), new Square(3, null)), tags, Set.of(7), true, -2,
        Shape.Kind.ROUND);

    String json = codec.toJson(drawing);

    assertThat(json).isEqualTo("{\"title\":\"t\",\"shapes\":[{\"type\":\"circle\",\"radius\":1.5},"
        + "{\"type\":\"square\",\"side\":3,\"optional\":null}],\"tags\":{\"z\":1,\"a\":null},\"codes\":[7],"
        + "\"done\":true,\"count\":-2,\"kind\":\"ROUND\"}");
    assertThat(codec.read(bytes(json), Drawing.class)).isEqualTo(drawing);
  }

  @Test
  void prettyOutputIsJacksonsDefaultPrettyPrinters() {
    Drawing drawing = new Drawing("t", List.of(), Map.of(), Set.of(), false, 0, null);

    assertThat(codec.toPrettyJson(drawing)).isEqualTo(JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()
        .writerWithDefaultPrettyPrinter().writeValueAsString(drawing));
  }

  @Test
  void genericTypesAreReadThroughAJsonType() {
    List<Shape> shapes = codec.read(bytes("[{\"radius\":2,\"type\":\"circle\"},{\"type\":\"square\",\"side\":1}]"),
        new JsonType<List<Shape>>() {});

    assertThat(shapes).containsExactly(new Circle(2), new Square(1, null));
  }

  @Test
  void aValueWithATextFormIsItsStringAndIsParsedBack() {
    Pair pair = new Pair("p", new Even(4), null);

    String json = codec.toJson(pair);

    assertThat(json).isEqualTo("{\"name\":\"p\",\"left\":\"4\",\"right\":null}");
    assertThat(codec.read(bytes(json), Pair.class)).isEqualTo(pair);
  }

  @Test
  void aTextTheValueRefusesIsAnErrorOfTheInputThatSaysWhy() {
    assertThatThrownBy(() -> codec.read(bytes("{\"left\":\"3\"}"), Pair.class))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("\"3\" refused by Even: 3 is odd");
  }

  @Test
  void anIntegerOutOfRangeIsAnErrorOfTheInput() {
    assertThatThrownBy(() -> codec.read(bytes("{\"count\":3000000000}"), Drawing.class))
        .isInstanceOf(JacksonException.class);
  }

  @Test
  void aFamilyMustNameEverySubtype() {
    assertThatThrownBy(() -> new TypeFamily<>(Shape.class, Map.of("circle", Circle.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no type name for [dev.jpm.engine.json.JsonCodecTest$Square]");
  }

  @Test
  void aTypeWithoutBindingIsAProgrammingError() {
    assertThatThrownBy(() -> codec.toJson(new Object())).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
