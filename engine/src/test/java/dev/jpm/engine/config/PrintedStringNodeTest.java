package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class PrintedStringNodeTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "json", "a \"quoted\" word", "back\\slash", "path/with/slashes", "tab\tand\nnewline",
      "bell \u0007 and nul \u0000", "unicode é ☃ \ud83d\ude80", "</script>"})
  void printsAsDatabindPrintsTheSameString(String value) {
    JsonNode printed = PrintedStringNode.NODES.stringNode(value);
    JsonNode databinds = JsonNodeFactory.instance.stringNode(value);

    assertThat(printed).isInstanceOf(PrintedStringNode.class);
    assertThat(printed.toString()).isEqualTo(databinds.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "raw", "daily"})
  void isEqualToJacksonsNodeOfTheSameValueBothWays(String value) {
    JsonNode printed = PrintedStringNode.NODES.stringNode(value);
    JsonNode databinds = JsonNodeFactory.instance.stringNode(value);

    assertThat(printed).isEqualTo(databinds).hasSameHashCodeAs(databinds);
    assertThat(databinds).isEqualTo(printed);
    assertThat(printed).isNotEqualTo(JsonNodeFactory.instance.stringNode(value + "x"));
  }
}
