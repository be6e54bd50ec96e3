package dev.jpm.engine.gitops;

import dev.jpm.engine.config.ConfigProblem;
import dev.jpm.engine.config.ConfigReader;
import dev.jpm.engine.config.ConfigSource;
import dev.jpm.engine.config.LoadResult;
import dev.jpm.engine.git.GitFailure;
import dev.jpm.engine.git.SourceClone;
import dev.jpm.engine.plan.Plan;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.protocol.GitOpsSource;
import dev.jpm.engine.protocol.GitOpsStatus;
import dev.jpm.engine.reconcile.Reconciler;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One poll of one GitOps source: compare the remote head (no fetch when nothing changed), then fetch, check out,
 * load and validate the file through the same {@link ConfigReader} as {@code jpm apply}, and apply it through
 * the {@link Reconciler}. An invalid file or an app that does not come online leaves the apps on (or takes them
 * back to) the last applied revision, and the status says why.
 */
final class SourceSync {

  /** The plan a source's newest revision would execute. */
  record Pending(String current, String revision, LoadResult loaded, Plan plan) {}

  private final ConfigReader loader;
  private final Reconciler reconciler;
  private final Clock clock;

  SourceSync(ConfigReader loader, Reconciler reconciler, Clock clock) {
    this.loader = loader;
    this.reconciler = reconciler;
    this.clock = clock;
  }

  GitOpsStatus poll(GitOpsSource source, SourceClone clone, GitOpsStatus status, boolean manual,
      Consumer<String> progress) {
    String head;
    try {
      head = clone.remoteHead();
    } catch (GitFailure unreachable) {
      return SourceStatuses.unreachable(status, unreachable.getMessage(), clock.millis());
    }
    return switch (SyncDecision.decide(status, head, manual)) {
      case IN_SYNC -> SourceStatuses.inSync(status, clock.millis());
      case ALREADY_ATTEMPTED -> SourceStatuses.checked(status, clock.millis());
      case ATTEMPT -> attempt(source, clone, status, head, progress);
    };
  }

  /** What applying the remote's newest revision would do; fetches, but leaves the work tree and apps alone. */
  Pending pending(GitOpsSource source, SourceClone clone, GitOpsStatus status) {
    String head = clone.remoteHead();
    clone.fetch();
    String content = clone.fileAt(head);
    if (content == null) throw new GitFailure(source.path() + " does not exist at " + SourceClone.abbrev(head));
    LoadResult loaded = load(source, clone, content);
    Plan plan = loaded.ok() ? reconciler.plan(loaded.desired(), options(source)) : null;
    return new Pending(status.lastApplied(), head, loaded, plan);
  }

  private GitOpsStatus attempt(GitOpsSource source, SourceClone clone, GitOpsStatus status, String head,
      Consumer<String> progress) {
    String rev = SourceClone.abbrev(head);
    try {
      progress.accept("gitops " + source.name() + ": applying " + rev);
      clone.fetch();
      clone.checkout(head);
      LoadResult loaded = readAndLoad(source, clone);
      if (!loaded.ok()) {
        restoreCheckout(clone, status);
        return SourceStatuses.failed(status, head, rev + " is invalid, apps stay on "
            + SourceClone.abbrev(status.lastApplied()) + ": " + problems(loaded), clock.millis());
      }
      Reconciler.Outcome outcome = reconciler.apply(loaded.desired(), options(source), progress);
      if (outcome.converged()) return SourceStatuses.applied(head, clock.millis());
      String rollback = rollBack(source, clone, status, progress);
      return SourceStatuses.failed(status, head, rev + " did not come online (" + String.join("; ",
          outcome.failures()) + "); " + rollback, clock.millis());
    } catch (GitFailure failure) {
      try {
        restoreCheckout(clone, status);
      } catch (GitFailure alsoFailed) {
        failure.addSuppressed(alsoFailed);
      }
      return SourceStatuses.failed(status, head, rev + ": " + failure.getMessage(), clock.millis());
    }
  }

  /** Takes the apps back to the last applied revision; says what it did. */
  private String rollBack(GitOpsSource source, SourceClone clone, GitOpsStatus status, Consumer<String> progress) {
    if (status.lastApplied() == null) return "no earlier revision to roll back to";
    String good = SourceClone.abbrev(status.lastApplied());
    progress.accept("gitops " + source.name() + ": rolling back to " + good);
    clone.checkout(status.lastApplied());
    LoadResult loaded = readAndLoad(source, clone);
    if (!loaded.ok()) return "rollback to " + good + " failed: " + problems(loaded);
    Reconciler.Outcome outcome = reconciler.apply(loaded.desired(), options(source), progress);
    return outcome.converged() ? "rolled back to " + good
        : "rolled back to " + good + " but: " + String.join("; ", outcome.failures());
  }

  private static void restoreCheckout(SourceClone clone, GitOpsStatus status) {
    if (status.lastApplied() != null) clone.checkout(status.lastApplied());
  }

  private LoadResult readAndLoad(GitOpsSource source, SourceClone clone) {
    String content;
    try {
      content = Files.readString(clone.file());
    } catch (IOException e) {
      throw new GitFailure("cannot read " + source.path() + " in the clone: " + e.getMessage(), e);
    }
    return load(source, clone, content);
  }

  /** The same load and validation as {@code jpm apply}; a file from git names no shell variables. */
  private LoadResult load(GitOpsSource source, SourceClone clone, String content) {
    return loader.load(new ConfigSource(clone.file(), content, source.profile(), Map.of()));
  }

  private static PlanOptions options(GitOpsSource source) {
    return new PlanOptions(source.prune(), Set.of());
  }

  private static String problems(LoadResult loaded) {
    List<String> errors = loaded.errors().stream().map(ConfigProblem::render).toList();
    return String.join("; ", errors.subList(0, Math.min(5, errors.size())))
        + (errors.size() > 5 ? " (and " + (errors.size() - 5) + " more)" : "");
  }
}
