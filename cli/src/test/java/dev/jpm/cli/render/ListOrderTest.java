package dev.jpm.cli.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpm.engine.protocol.InstanceView;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ls --sort FIELD[:asc|desc], table-driven over three rows. */
class ListOrderTest {

  private static final List<InstanceView> ROWS = List.of(
      row("web#0", 2, 300, 1.5, 10_000_000L, 3, "online"),
      row("api#0", 0, 100, null, 30_000_000L, 0, "stopped"),
      row("db#0", 1, 200, 40.0, null, 9, "errored"));

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "name, api#0 db#0 web#0",
      "name:desc, web#0 db#0 api#0",
      "id, api#0 db#0 web#0",
      "ID:DESC, web#0 db#0 api#0",
      "pid, api#0 db#0 web#0",
      "cpu:desc, db#0 web#0 api#0",
      "memory, db#0 web#0 api#0",
      "memory:desc, api#0 web#0 db#0",
      "uptime:desc, web#0 db#0 api#0",
      "restarts, api#0 web#0 db#0",
      "status, db#0 web#0 api#0"})
  void sortsByTheField(String sort, String expected) {
    assertThat(ListOrder.sorted(ROWS, sort).stream().map(InstanceView::id).toList())
        .containsExactly(expected.split(" "));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"colour", "name:up", "name:asc:desc", "''"})
  void anUnknownFieldOrDirectionSaysWhatIsAccepted(String sort) {
    assertThatThrownBy(() -> ListOrder.sorted(ROWS, sort)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot sort by '" + sort + "'").hasMessageContaining("memory:desc");
  }

  private static InstanceView row(String id, int pmId, long pid, Double cpu, Long memory, int restarts,
      String status) {
    String name = id.substring(0, id.indexOf('#'));
    return new InstanceView(name, id, 0, "default", "fork", pid, status, restarts, 0, pid * 1000, null, null, null,
        null, null, null, cpu, memory, null, 0, 0, 0, 0, pmId, 0);
  }
}
