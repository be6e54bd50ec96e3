package dev.jpm.engine.reconcile;

/**
 * How many replacements of one app may be in flight at once, kubectl's way: up to {@code max_surge} started beside
 * the process they replace (capacity kept), and up to {@code max_unavailable} whose old process is taken down first.
 * A replacement that cannot surge (its old process is not serving, or the app is not balanced) takes an in-place
 * place even when {@code max_unavailable} is 0, one at a time: it costs no more than today's restart, so a fork app
 * with the defaults (1, 0) restarts one instance at a time as before.
 */
final class RolloutWindow {

  /** The kind of place a replacement holds while it runs. */
  enum Place { SURGE, IN_PLACE }

  private final int maxSurge;
  private final int maxUnavailable;
  private int surging;
  private int inPlace;

  /** The window of a plan's rollout group: its app's {@code max_surge} and {@code max_unavailable}. */
  RolloutWindow(int maxSurge, int maxUnavailable) {
    this.maxSurge = maxSurge;
    this.maxUnavailable = maxUnavailable;
  }

  /** Waits for a place: a surge one when {@code canSurge} and one is free, else an in-place one within the limit. */
  synchronized Place take(boolean canSurge) throws InterruptedException {
    int inPlaceLimit = canSurge ? maxUnavailable : Math.max(1, maxUnavailable);
    while (true) {
      if (canSurge && surging < maxSurge) {
        surging++;
        return Place.SURGE;
      }
      if (inPlace < inPlaceLimit) {
        inPlace++;
        return Place.IN_PLACE;
      }
      wait();
    }
  }

  /** Gives a place back once its replacement is done (ready, or aborted). */
  synchronized void give(Place place) {
    if (place == Place.SURGE) surging--;
    else inPlace--;
    notifyAll();
  }
}
