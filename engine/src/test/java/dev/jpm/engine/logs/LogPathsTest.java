package dev.jpm.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.LogSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogPathsTest {

  private static final Path HOME = Path.of("/srv/x/.jpm");

  @Test
  void insertsTheIndexBeforeTheExtensionUnlessMerged() {
    var spec = new LogSpec("/l/api-out.log", "/l/api-error.log", "/l/api.log", false, false, null, false, "/p/api.pid");
    var paths = LogPaths.of(spec, 1, HOME);
    assertThat(paths.out()).contains(Path.of("/l/api-out-1.log"));
    assertThat(paths.error()).contains(Path.of("/l/api-error-1.log"));
    assertThat(paths.combined()).contains(Path.of("/l/api-1.log"));
    assertThat(paths.pid()).contains(Path.of("/p/api-1.pid"));
    var merged = LogPaths.of(new LogSpec("/l/api-out.log", null, null, true, false, null, false, "/p/api.pid"), 1, HOME);
    assertThat(merged.out()).contains(Path.of("/l/api-out.log"));
    assertThat(merged.pid()).contains(Path.of("/p/api-1.pid"));
  }

  @Test
  void devNullNullAndDisabledDiscard() {
    var spec = new LogSpec("/dev/null", "NULL", null, false, false, null, false, null);
    assertThat(LogPaths.of(spec, 0, HOME))
        .isEqualTo(new LogPaths(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    var disabled = new LogSpec("/l/a.log", "/l/b.log", "/l/c.log", false, true, null, false, null);
    assertThat(LogPaths.of(disabled, 0, HOME).out()).isEmpty();
    assertThat(LogPaths.of(disabled, 0, HOME).combined()).isEmpty();
  }

  @Test
  void namesWithoutExtensionAndRelativeTemplates() {
    assertThat(LogPaths.withIndex(Path.of("/l/.hidden"), 2)).isEqualTo(Path.of("/l/.hidden-2"));
    assertThat(LogPaths.withIndex(Path.of("/l/out"), 2)).isEqualTo(Path.of("/l/out-2"));
    var relative = new LogSpec("logs/a.log", null, null, true, false, null, false, null);
    assertThat(LogPaths.of(relative, 0, HOME).out()).contains(HOME.resolve("logs/a.log"));
  }
}
