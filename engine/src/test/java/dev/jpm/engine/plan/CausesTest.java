package dev.jpm.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CausesTest {

  @Test
  void listsThreeThenCountsTheRest() {
    assertThat(Causes.list(List.of("a"))).isEqualTo("a");
    assertThat(Causes.list(List.of("a", "b", "c"))).isEqualTo("a, b, c");
    assertThat(Causes.list(List.of("a", "b", "c", "d", "e"))).isEqualTo("a, b, c, +2 more");
  }

  @ParameterizedTest
  @CsvSource({"0, none", "1000, 1000", "524288, 512K", "209715200, 200M", "1073741824, 1G", "1536, 1536"})
  void sizesReadLikeTheFile(long bytes, String text) {
    assertThat(ValueText.size(bytes)).isEqualTo(text);
  }

  @Test
  void longValuesAreOnlyNamed() {
    assertThat(Change.between("cron_restart", "none", "0 3 * * *")).hasToString("cron_restart none → 0 3 * * *");
    assertThat(Change.between("out_file", "none", "/var/log/shop/api-out.log")).hasToString("out_file changed");
  }

  @Test
  void fileNameIsTheLastSegment() {
    assertThat(ValueText.fileName("/srv/shop/ecosystem.yaml")).isEqualTo("ecosystem.yaml");
    assertThat(ValueText.fileName("ecosystem.json")).isEqualTo("ecosystem.json");
  }
}
