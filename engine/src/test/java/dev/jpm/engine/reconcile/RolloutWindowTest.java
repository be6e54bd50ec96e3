package dev.jpm.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.Traffic;
import dev.jpm.engine.reconcile.RolloutWindow.Place;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RolloutWindowTest {

  private static RolloutWindow pace(int maxSurge, int maxUnavailable) {
    return new RolloutWindow(maxSurge, maxUnavailable);
  }

  @Test
  void maxSurgeTwoLetsTwoReplacementsRunBesideTheirProcessesAndTheThirdWaits() throws Exception {
    RolloutWindow window = pace(2, 0);
    assertThat(window.take(true)).isEqualTo(Place.SURGE);
    assertThat(window.take(true)).isEqualTo(Place.SURGE);

    CompletableFuture<Place> third = takeLater(window, true);
    assertThat(notYet(third)).as("max_unavailable 0: nothing may be taken down instead").isTrue();
    window.give(Place.SURGE);
    assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(Place.SURGE);
  }

  @Test
  void maxUnavailableAddsPlacesWhereTheOldProcessGoesFirst() throws Exception {
    RolloutWindow window = pace(1, 2);
    assertThat(window.take(true)).isEqualTo(Place.SURGE);
    assertThat(window.take(true)).isEqualTo(Place.IN_PLACE);
    assertThat(window.take(true)).isEqualTo(Place.IN_PLACE);
    assertThat(notYet(takeLater(window, true))).isTrue();
  }

  @Test
  void aReplacementThatCannotSurgeGoesOneAtATimeWithTheDefaults() throws Exception {
    RolloutWindow window = pace(Traffic.DEFAULTS.maxSurge(), Traffic.DEFAULTS.maxUnavailable());
    assertThat(window.take(false)).isEqualTo(Place.IN_PLACE);
    CompletableFuture<Place> second = takeLater(window, false);
    assertThat(notYet(second)).isTrue();
    window.give(Place.IN_PLACE);
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(Place.IN_PLACE);
  }

  private static CompletableFuture<Place> takeLater(RolloutWindow window, boolean canSurge) {
    CompletableFuture<Place> taken = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        taken.complete(window.take(canSurge));
      } catch (InterruptedException e) {
        taken.completeExceptionally(e);
      }
    });
    return taken;
  }

  /** Still waiting throughout a moment: a place that was free would have been taken at once. */
  private static boolean notYet(CompletableFuture<Place> taken) {
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10)).until(() -> !taken.isDone());
    return !taken.isDone();
  }
}
