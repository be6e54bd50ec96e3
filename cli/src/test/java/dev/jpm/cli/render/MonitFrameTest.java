package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.InstanceView;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MonitFrameTest {

  static final Style PLAIN = new Style(false);

  @Test
  void fillsAn80By24TerminalExactlyWithTheSelectedInstancesDetailsAndLogs() {
    var view = new MonitFrame.View(List.of(row("api#0", 4.25, 52_428_800L), row("worker#0", null, null)), 0,
        List.of("listening on 8080", "GET / 200"));

    List<String> lines = MonitFrame.render(view, 80, 24, PLAIN);

    assertThat(lines).hasSize(24).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(lines.get(0)).startsWith("jpm monit  2 instances").contains("q: quit");
    assertThat(lines.get(2)).startsWith("> api#0").contains("online", "4.3%", "50.0M", "5m");
    assertThat(lines.get(3)).startsWith("  worker#0").contains(" - ");
    assertThat(lines).contains("pid 4242  online  mode fork  unstable 0", "out: /l/api#0-out.log",
        "listening on 8080", "GET / 200");
    assertThat(lines.stream().filter(l -> l.startsWith("--")).toList())
        .containsExactly("-- api#0 " + "-".repeat(71), "-- logs " + "-".repeat(72));
  }

  @Test
  void scrollsSoThatTheSelectedInstanceIsAlwaysVisible() {
    List<InstanceView> rows = IntStream.range(0, 40).mapToObj(i -> row("app" + i + "#0", 1.0, 1L)).toList();

    List<String> lines = MonitFrame.render(new MonitFrame.View(rows, 33, List.of()), 80, 24, PLAIN);

    assertThat(lines).hasSize(24).anySatisfy(line -> assertThat(line).startsWith("> app33#0"));
    assertThat(lines).noneSatisfy(line -> assertThat(line).startsWith("  app0#0"));
  }

  @Test
  void appOutputCannotBreakTheLayoutAndTinyTerminalsStillGetAFrame() {
    var view = new MonitFrame.View(List.of(row("api#0", 1.0, 1L)), 5,
        List.of("\u001b[31mred\u001b[0m\tand a line far longer than the terminal is wide " + "x".repeat(200)));

    List<String> lines = MonitFrame.render(view, 80, 24, PLAIN);
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\u001b", "\t").hasSizeLessThanOrEqualTo(80));
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("> api#0"));

    assertThat(MonitFrame.render(view, 10, 3, PLAIN)).hasSize(3);
    assertThat(MonitFrame.render(new MonitFrame.View(List.of(), 0, List.of()), 80, 24, PLAIN))
        .contains("  no apps (jpm apply FILE starts some)").hasSize(24);
  }

  @Test
  void theSelectedRowIsReversedOnAColourTerminal() {
    var view = new MonitFrame.View(List.of(row("api#0", 1.0, 1L)), 0, List.of());

    assertThat(MonitFrame.render(view, 80, 24, new Style(true)).get(2)).startsWith("\u001b[7m> api#0");
  }

  static InstanceView row(String id, Double cpu, Long memory) {
    String name = id.substring(0, id.indexOf('#'));
    return new InstanceView(name, id, 0, "default", "fork", 4242, "online", 2, 0, 300_000, null, null, null,
        "/l/" + id + "-out.log", "/l/" + id + "-err.log", null, cpu, memory, "ready", 0, 0, 0, 0, 0, 0);
  }
}
