package dev.jpm.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code image} key: read for {@code jpm export}, and invisible to what jpm runs (hash and restarts). */
class ImageKeyTest {

  @TempDir Path temp;
  LoaderFixture fx;

  @BeforeEach
  void setUp() {
    fx = new LoaderFixture(temp).script("server.js");
  }

  private AppSpec only(String yaml) {
    LoadResult result = fx.load("ecosystem.yaml", yaml, null, Map.of());
    assertThat(result.errors()).isEmpty();
    return result.desired().apps().getFirst();
  }

  @Test
  void imageIsReadAndLeavesTheSpecHashAsWithout() {
    AppSpec with = only("apps: [{name: api, script: server.js, image: 'node:22-slim'}]");
    AppSpec without = only("apps: [{name: api, script: server.js}]");

    assertThat(with.image()).isEqualTo("node:22-slim");
    assertThat(without.image()).isNull();
    assertThat(with.specHash()).isEqualTo(without.specHash());
  }

  @Test
  void anEmptyImageIsALocatedError() {
    LoadResult result = fx.load("ecosystem.yaml", "apps:\n  - name: api\n    script: server.js\n    image: ''\n", null,
        Map.of());

    assertThat(result.errors()).singleElement().extracting(ConfigProblem::render).asString()
        .contains("ecosystem.yaml:4:", "app \"api\"", "image");
  }
}
