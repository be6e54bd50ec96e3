package dev.jpm.engine.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When cached revision info is read again. */
class RevisionCacheTest {

  @Test
  void freshInfoIsKept() {
    assertThat(RevisionCache.isStale(1_000, 500, 2_000)).isFalse();
  }

  @Test
  void aRestartAfterTheProbeMakesItStale() {
    assertThat(RevisionCache.isStale(1_000, 1_500, 2_000)).isTrue();
  }

  @Test
  void aMinuteMakesItStale() {
    assertThat(RevisionCache.isStale(1_000, 0, 1_000 + RevisionCache.MAX_AGE.toMillis() + 1)).isTrue();
    assertThat(RevisionCache.isStale(1_000, 0, 1_000 + RevisionCache.MAX_AGE.toMillis())).isFalse();
  }
}
