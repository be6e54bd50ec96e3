package dev.jpm.engine.gitops;

import dev.jpm.engine.git.Checkout;
import dev.jpm.engine.git.GitFailure;
import dev.jpm.engine.git.Repositories;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.protocol.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code jpm pull | forward | backward}: fetch, move the app's checkout, run its {@code post_update} commands, then
 * restart it through the one restart path. A failing command moves the checkout back and leaves the app as it
 * was. One move at a time: two moves of one repository must not interleave.
 */
public final class RevisionMoves {

  /**
   * What a move did.
   *
   * @param from the revision before
   * @param to the revision now checked out (equal to {@code from} when already up to date)
   * @param failures instances that did not come back online after the restart
   */
  public record Moved(String from, String to, List<String> failures) {}

  private final AppRestart restart;
  private final RevisionCache cache;
  private final Function<AppSpec, Map<String, String>> environment;
  private final PostUpdate postUpdate;

  /**
   * @param environment the environment {@code post_update} commands run with: the app's
   * @param timeout how long each {@code post_update} command may take
   */
  public RevisionMoves(AppRestart restart, RevisionCache cache, Function<AppSpec, Map<String, String>> environment,
      Duration timeout) {
    this.restart = restart;
    this.cache = cache;
    this.environment = environment;
    this.postUpdate = new PostUpdate(timeout);
  }

  public RevisionMoves(AppRestart restart, RevisionCache cache, Function<AppSpec, Map<String, String>> environment) {
    this(restart, cache, environment, PostUpdate.DEFAULT_TIMEOUT);
  }

  /**
   * Moves {@code app}'s checkout and restarts it.
   *
   * @param commit for a pull: the commit to move to, or null for the remote-tracking head
   * @throws GitFailure when nothing can be moved, or a {@code post_update} command failed (checkout restored)
   */
  public synchronized Moved move(Request.Move move, AppSpec app, String commit, Consumer<String> progress) {
    String label = "app " + app.name();
    try (Repository repo = Repositories.require(Path.of(app.cwd()), label)) {
      Checkout checkout = new Checkout(repo, label);
      checkout.requireNoLocalEdits();
      ObjectId from = checkout.head();
      checkout.fetch();
      ObjectId to = switch (move) {
        case PULL -> checkout.pullTarget(commit);
        case FORWARD -> checkout.next();
        case BACKWARD -> checkout.previous();
      };
      if (to.equals(from)) {
        progress.accept(app.name() + " is already up to date at " + Checkout.abbrev(from));
        return new Moved(from.name(), from.name(), List.of());
      }
      String word = move.name().toLowerCase(Locale.ROOT);
      progress.accept(word + " " + app.name() + ": " + Checkout.abbrev(from) + " -> " + Checkout.abbrev(to));
      checkout.moveTo(to);
      cache.forget(app.name());
      runPostUpdate(app, repo, checkout, from, progress);
      List<String> failures = restart.restart(app.name(), word + " " + Checkout.abbrev(to), progress);
      return new Moved(from.name(), to.name(), failures);
    } catch (IOException | GitAPIException e) {
      throw new GitFailure("app " + app.name() + ": git failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitFailure("app " + app.name() + ": interrupted while running post_update", e);
    }
  }

  private void runPostUpdate(AppSpec app, Repository repo, Checkout checkout, ObjectId from,
      Consumer<String> progress) throws InterruptedException {
    List<String> commands = app.versioning().postUpdate();
    if (commands.isEmpty()) return;
    progress.accept("running " + commands.size() + " post_update command" + (commands.size() == 1 ? "" : "s")
        + " in " + repo.getWorkTree());
    PostUpdate.Failure failure = postUpdate.run(commands, repo.getWorkTree().toPath(), environment.apply(app));
    if (failure == null) return;
    checkout.moveTo(from);
    cache.forget(app.name());
    throw new GitFailure("app " + app.name() + ": " + failure.describe() + "\ncheckout moved back to "
        + Checkout.abbrev(from) + "; " + app.name() + " was not restarted");
  }
}
