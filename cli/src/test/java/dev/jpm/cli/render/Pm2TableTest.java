package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.InstanceView;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pm2TableTest {

  @Test
  void pm2sBoxedTableWithItsColumnsAndUnits() {
    InstanceView row = new InstanceView("api", "api#0", 0, "default", "fork", 4321, "online", 3, 0, 65_000, null,
        null, null, null, null, null, 2.4, 42_100_000L, "ready", 0, 0, 0, 0, 7, 0);

    List<String> lines = ProcessTable.lines(List.of(row), new Style(false, true));

    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("┌────┬").endsWith("┐");
    assertThat(lines.get(1)).matches("│ id +│ name +│ namespace +│ version +│ mode +│ pid +│ uptime +│ ↺ +│ status +│ cpu +│ mem +│ user +│");
    assertThat(lines.get(3)).matches("│ 7 +│ api +│ default +│ N/A +│ fork +│ 4321 +│ 1m +│ 3 +│ online +│ 2% +│ 40\\.1mb +│ \\S+ +│");
    assertThat(lines.get(4)).startsWith("└").endsWith("┘");
    assertThat(lines).allSatisfy(line -> assertThat(TextTable.visibleLength(line)).isEqualTo(lines.get(0).length()));
  }

  @Test
  void memoryInPm2sUnits() {
    assertThat(Pm2Table.memory(512L)).isEqualTo("512b");
    assertThat(Pm2Table.memory(1536L)).isEqualTo("1.5kb");
    assertThat(Pm2Table.memory(3L * 1024 * 1024 * 1024)).isEqualTo("3.0gb");
    assertThat(Pm2Table.memory(null)).isEqualTo("0b");
  }
}
