package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void colourSequencesTakeNoWidth() {
    Style colour = new Style(true);
    assertThat(TextTable.visibleLength(colour.green("online"))).isEqualTo(6);
    assertThat(TextTable.visibleLength("\u001b[1;31mx\u001b[0m y")).isEqualTo(3);
    assertThat(TextTable.visibleLength("a\u001b[zb")).isEqualTo(5); // not a colour sequence: counted as it is
  }

  @Test
  void columnsAlignOnVisibleWidthWithColourOn() {
    Style colour = new Style(true);
    TextTable table = new TextTable("id", "status", "cpu")
        .row("api#0", colour.green("online"), "1.5%")
        .row("worker#10", colour.red("errored"), "-");
    assertThat(table.lines(new Style(false)))
        .extracting(line -> line.replaceAll("\u001b\\[[0-9;]*m", ""))
        .containsExactly("id         status   cpu", "api#0      online   1.5%", "worker#10  errored  -");
  }
}
