package dev.jpm.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** jpm names spelled as DNS-1035 labels. */
class KubernetesNamesTest {

  @ParameterizedTest
  @CsvSource({"api, api", "Hello_Web.v2, hello-web-v2", "2fa, app-2fa", "__, app", "-x-, x"})
  void namesAreSpelledAsDnsLabels(String jpmName, String kubernetesName) {
    assertThat(KubernetesNames.of(jpmName)).isEqualTo(kubernetesName);
  }

  @ParameterizedTest
  @CsvSource({"a"})
  void aLongNameIsCutTo63Characters(String letter) {
    assertThat(KubernetesNames.of(letter.repeat(70) + "-b")).hasSize(63).matches("[a-z]+");
  }
}
